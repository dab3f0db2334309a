#include "tests/faults/tcp_proxy.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace yjinspect::faults {
namespace {

void NonBlocking(int fd) {
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

// Closes with a reset, as a dropped connection ends for its peer.
void Reset(int fd) {
  linger hard{1, 0};
  setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
  close(fd);
}

sockaddr_in Loopback(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

}  // namespace

// One proxied connection: bytes read from one side wait in a buffer until
// the other side takes them.
struct TcpProxy::Pipe {
  int client = -1;
  int server = -1;
  std::string to_server;
  std::string to_client;
  bool closed = false;
};

absl::StatusOr<std::unique_ptr<TcpProxy>> TcpProxy::Start(int target_port) {
  const int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listener < 0) return absl::InternalError(std::strerror(errno));
  sockaddr_in address = Loopback(0);
  socklen_t length = sizeof address;
  if (bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) !=
          0 ||
      listen(listener, 64) != 0 ||
      getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) !=
          0) {
    close(listener);
    return absl::InternalError(std::strerror(errno));
  }
  NonBlocking(listener);
  auto proxy = std::unique_ptr<TcpProxy>(
      new TcpProxy(listener, ntohs(address.sin_port), target_port));
  proxy->thread_ = std::thread([p = proxy.get()] { p->Run(); });
  return proxy;
}

TcpProxy::TcpProxy(int listener, int port, int target_port)
    : listener_(listener), port_(port), target_port_(target_port) {}

TcpProxy::~TcpProxy() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
  DropAll();
  close(listener_);
}

std::string TcpProxy::address() const {
  return absl::StrCat("127.0.0.1:", port_);
}

void TcpProxy::DropAll() {
  for (auto& pipe : pipes_) {
    Reset(pipe->client);
    Reset(pipe->server);
  }
  pipes_.clear();
  for (int fd : held_) Reset(fd);
  held_.clear();
}

void TcpProxy::Accept() {
  while (true) {
    const int client =
        accept4(listener_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (client < 0) return;
    if (partitioned_) {
      held_.push_back(client);
      continue;
    }
    const int server = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in target = Loopback(target_port_);
    // Loopback connects at once; a refused one drops the client too.
    if (server < 0 || connect(server, reinterpret_cast<sockaddr*>(&target),
                              sizeof target) != 0) {
      if (server >= 0) close(server);
      Reset(client);
      continue;
    }
    NonBlocking(server);
    auto pipe = std::make_unique<Pipe>();
    pipe->client = client;
    pipe->server = server;
    pipes_.push_back(std::move(pipe));
  }
}

void TcpProxy::Run() {
  char chunk[16384];
  while (!stopping_) {
    if (heal_.exchange(false)) {
      DropAll();
      partitioned_ = false;
    }
    std::vector<pollfd> fds = {{listener_, POLLIN, 0}};
    const bool forwarding = !partitioned_;
    for (auto& pipe : pipes_) {
      short client_events = forwarding ? POLLIN : 0;
      short server_events = forwarding ? POLLIN : 0;
      if (forwarding && !pipe->to_client.empty()) client_events |= POLLOUT;
      if (forwarding && !pipe->to_server.empty()) server_events |= POLLOUT;
      fds.push_back({pipe->client, client_events, 0});
      fds.push_back({pipe->server, server_events, 0});
    }
    if (poll(fds.data(), fds.size(), 20) < 0 && errno != EINTR) return;
    if (fds[0].revents & POLLIN) Accept();
    if (!forwarding) continue;
    for (size_t i = 0; i < pipes_.size() && 1 + 2 * i + 1 < fds.size(); ++i) {
      Pipe& pipe = *pipes_[i];
      const pollfd& client = fds[1 + 2 * i];
      const pollfd& server = fds[2 + 2 * i];
      auto pump = [&](int from, std::string& into) {
        const ssize_t got = read(from, chunk, sizeof chunk);
        if (got > 0) {
          into.append(chunk, static_cast<size_t>(got));
        } else if (got == 0 || (errno != EAGAIN && errno != EINTR)) {
          pipe.closed = true;
        }
      };
      auto drain = [&](int to, std::string& from) {
        const ssize_t sent = write(to, from.data(), from.size());
        if (sent > 0) {
          from.erase(0, static_cast<size_t>(sent));
        } else if (sent < 0 && errno != EAGAIN && errno != EINTR) {
          pipe.closed = true;
        }
      };
      if (client.revents & (POLLIN | POLLHUP | POLLERR)) {
        pump(pipe.client, pipe.to_server);
      }
      if (server.revents & (POLLIN | POLLHUP | POLLERR)) {
        pump(pipe.server, pipe.to_client);
      }
      if (client.revents & POLLOUT) drain(pipe.client, pipe.to_client);
      if (server.revents & POLLOUT) drain(pipe.server, pipe.to_server);
    }
    for (auto it = pipes_.begin(); it != pipes_.end();) {
      if ((*it)->closed) {
        Reset((*it)->client);
        Reset((*it)->server);
        it = pipes_.erase(it);
      } else {
        ++it;
      }
    }
  }
}

}  // namespace yjinspect::faults
