#include "tests/testing/metrics_scrape.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace yjinspect::testing {

absl::StatusOr<std::string> ScrapeMetrics(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return absl::InternalError("socket() failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  // A receive timeout, so a server that never answers fails the test
  // instead of hanging it.
  timeval timeout{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) !=
      0) {
    close(fd);
    return absl::UnavailableError(absl::StrCat(
        "cannot connect to metrics port ", port, ": ", std::strerror(errno)));
  }
  // HTTP/1.0: the server closes the connection after the response.
  const std::string request =
      "GET /metrics HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
  if (send(fd, request.data(), request.size(), 0) !=
      static_cast<ssize_t>(request.size())) {
    close(fd);
    return absl::UnavailableError("cannot send the scrape request");
  }
  std::string response;
  char buffer[8192];
  while (true) {
    const ssize_t got = recv(fd, buffer, sizeof(buffer), 0);
    if (got < 0) {
      close(fd);
      return absl::DeadlineExceededError("no answer from the metrics port");
    }
    if (got == 0) break;
    response.append(buffer, static_cast<size_t>(got));
  }
  close(fd);
  const size_t body = response.find("\r\n\r\n");
  if (response.rfind("HTTP/1.", 0) != 0 || body == std::string::npos) {
    return absl::InternalError(
        absl::StrCat("not an HTTP response: ", response.substr(0, 80)));
  }
  if (response.find(" 200 ") > response.find("\r\n")) {
    return absl::InternalError(absl::StrCat(
        "scrape failed: ", response.substr(0, response.find("\r\n"))));
  }
  return response.substr(body + 4);
}

std::optional<double> SeriesValue(
    const std::string& text, const std::string& name,
    const std::map<std::string, std::string>& labels) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '#') continue;
    const size_t name_end = line.find_first_of("{ ");
    if (name_end == std::string::npos || line.substr(0, name_end) != name) {
      continue;
    }
    bool matches = true;
    for (const auto& [key, value] : labels) {
      if (line.find(absl::StrCat(key, "=\"", value, "\"")) ==
          std::string::npos) {
        matches = false;
        break;
      }
    }
    if (!matches) continue;
    double value = 0;
    if (absl::SimpleAtod(absl::string_view(line).substr(line.rfind(' ') + 1),
                         &value)) {
      return value;
    }
  }
  return std::nullopt;
}

}  // namespace yjinspect::testing
