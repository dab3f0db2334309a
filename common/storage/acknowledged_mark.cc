#include "common/storage/acknowledged_mark.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "spdlog/spdlog.h"

namespace yjinspect::common {
namespace {

constexpr absl::string_view kPrefix = "acknowledged ";

std::string MarkPath(const std::string& folder) {
  return absl::StrCat(folder, "/", kAcknowledgedFile);
}

}  // namespace

std::optional<uint64_t> ReadAcknowledgedMark(const std::string& folder) {
  std::ifstream in(MarkPath(folder));
  std::string line;
  if (!in || !std::getline(in, line)) return std::nullopt;
  absl::string_view text = line;
  uint64_t sequence = 0;
  if (!absl::ConsumePrefix(&text, kPrefix) ||
      !absl::SimpleAtoi(text, &sequence)) {
    return std::nullopt;
  }
  return sequence;
}

absl::StatusOr<std::unique_ptr<AcknowledgedMark>> AcknowledgedMark::Open(
    const std::string& folder, uint64_t sequence) {
  const std::string path = MarkPath(folder);
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return absl::InternalError(
        absl::StrCat("opening ", path, ": ", std::strerror(errno)));
  }
  auto mark = std::unique_ptr<AcknowledgedMark>(new AcknowledgedMark(fd));
  absl::MutexLock lock(&mark->mu_);
  mark->noted_ = sequence;
  mark->Write(sequence);
  return mark;
}

AcknowledgedMark::~AcknowledgedMark() { close(fd_); }

void AcknowledgedMark::Note(uint64_t sequence) {
  absl::MutexLock lock(&mu_);
  if (sequence <= noted_) return;
  noted_ = sequence;
  Write(sequence);
}

void AcknowledgedMark::Write(uint64_t sequence) {
  const std::string line = absl::StrFormat("%s%020d\n", kPrefix, sequence);
  const ssize_t written = pwrite(fd_, line.data(), line.size(), 0);
  if (written == static_cast<ssize_t>(line.size())) return;
  if (!failed_) {
    failed_ = true;
    spdlog::warn(
        "cannot update the store's acknowledged mark ({}): a cut write-ahead "
        "log found at the next start may be missed",
        written < 0 ? std::strerror(errno) : "short write");
  }
}

}  // namespace yjinspect::common
