#include "cli/exchange/whole_file.h"

#include <cerrno>
#include <cstdio>
#include <memory>

#include "absl/strings/str_cat.h"

namespace yjinspect::cli::exchange {
namespace {

absl::Status Failed(int error, const std::string& what) {
  if (error == 0) error = EIO;  // a short write with no reason given
  return absl::ErrnoToStatus(error, what);
}

struct CloseFile {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

}  // namespace

absl::StatusOr<std::string> ReadWholeFile(const std::string& path) {
  errno = 0;
  std::unique_ptr<std::FILE, CloseFile> file(std::fopen(path.c_str(), "rb"));
  if (file == nullptr) return Failed(errno, absl::StrCat("cannot read ", path));
  std::string text;
  char buffer[1 << 16];
  size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof(buffer), file.get())) > 0) {
    text.append(buffer, n);
  }
  if (std::ferror(file.get()) != 0) {
    return Failed(errno, absl::StrCat("cannot read ", path));
  }
  return text;
}

absl::Status WriteWholeFile(const std::string& path, const std::string& text) {
  errno = 0;
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr)
    return Failed(errno, absl::StrCat("cannot write ", path));
  const bool written =
      std::fwrite(text.data(), 1, text.size(), file) == text.size();
  const int write_error = errno;
  const bool closed = std::fclose(file) == 0;
  if (!written) return Failed(write_error, absl::StrCat("cannot write ", path));
  if (!closed) return Failed(errno, absl::StrCat("cannot write ", path));
  return absl::OkStatus();
}

}  // namespace yjinspect::cli::exchange
