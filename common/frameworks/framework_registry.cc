#include "common/frameworks/framework_registry.h"

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "common/frameworks/embedded_frameworks.h"
#include "common/frameworks/framework_loader.h"
#include "common/status_macros.h"

namespace yjinspect::common {
namespace {

constexpr absl::string_view kExtension = ".textproto";

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int error = errno;
    const std::string message = absl::StrCat(path, ": cannot be read");
    return error != 0 ? absl::ErrnoToStatus(error, message)
                      : absl::NotFoundError(message);
  }
  std::string text;
  char buffer[8192];
  while (in.read(buffer, sizeof(buffer)) || in.gcount() > 0) {
    text.append(buffer, static_cast<size_t>(in.gcount()));
  }
  if (in.bad()) {
    return absl::DataLossError(absl::StrCat(path, ": read failed"));
  }
  return text;
}

}  // namespace

int CompareFrameworkVersions(absl::string_view a, absl::string_view b) {
  const std::vector<absl::string_view> left = absl::StrSplit(a, '.');
  const std::vector<absl::string_view> right = absl::StrSplit(b, '.');
  for (size_t i = 0; i < left.size() && i < right.size(); ++i) {
    uint64_t l = 0;
    uint64_t r = 0;
    if (absl::SimpleAtoi(left[i], &l) && absl::SimpleAtoi(right[i], &r)) {
      if (l != r) return l < r ? -1 : 1;
    } else if (const int c = left[i].compare(right[i]); c != 0) {
      return c < 0 ? -1 : 1;
    }
  }
  if (left.size() == right.size()) return 0;
  return left.size() < right.size() ? -1 : 1;
}

absl::StatusOr<FrameworkRegistry> FrameworkRegistry::LoadBuiltIn() {
  std::vector<FrameworkFile> files;
  for (const EmbeddedFile& file : EmbeddedFrameworkFiles()) {
    files.push_back(
        FrameworkFile{std::string(file.file_name), std::string(file.text)});
  }
  return LoadFiles(files);
}

absl::StatusOr<FrameworkRegistry> FrameworkRegistry::LoadDirectory(
    const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code error;
  fs::directory_iterator it(path, error);
  if (error) {
    return absl::NotFoundError(absl::StrCat(
        "framework folder ", path, " cannot be read: ", error.message()));
  }
  std::vector<std::string> names;
  for (; it != fs::directory_iterator(); it.increment(error)) {
    if (error) break;
    const std::string name = it->path().filename().string();
    std::error_code type_error;
    if (name.empty() || name.front() == '.' ||
        !it->is_regular_file(type_error) || type_error ||
        name.size() <= kExtension.size() || !absl::EndsWith(name, kExtension)) {
      continue;
    }
    names.push_back(name);
  }
  if (error) {
    return absl::NotFoundError(absl::StrCat(
        "framework folder ", path, " cannot be listed: ", error.message()));
  }
  if (names.empty()) {
    return absl::NotFoundError(absl::StrCat(
        "framework folder ", path, " holds no *", kExtension, " file"));
  }
  std::sort(names.begin(), names.end());

  std::vector<FrameworkFile> files;
  for (const std::string& name : names) {
    const std::string file_name = (fs::path(path) / name).string();
    ASSIGN_OR_RETURN(std::string text, ReadFile(file_name));
    files.push_back(FrameworkFile{file_name, std::move(text)});
  }
  return LoadFiles(files);
}

absl::StatusOr<FrameworkRegistry> FrameworkRegistry::LoadFiles(
    absl::Span<const FrameworkFile> files) {
  FrameworkRegistry registry;
  for (const FrameworkFile& file : files) {
    ASSIGN_OR_RETURN(v1::Framework framework,
                     ParseFramework(file.text, file.file_name));
    auto key = std::make_pair(framework.id(), framework.version());
    auto [it, inserted] = registry.frameworks_.try_emplace(std::move(key));
    if (!inserted) {
      return absl::InvalidArgumentError(
          absl::StrCat(file.file_name, ": framework \"", framework.id(),
                       "\" version \"", framework.version(),
                       "\" is already defined by ", it->second.file_name));
    }
    for (const v1::Supersession& earlier : framework.supersedes()) {
      if (CompareFrameworkVersions(earlier.version(), framework.version()) >=
          0) {
        return absl::InvalidArgumentError(
            absl::StrCat(file.file_name, ": framework \"", framework.id(),
                         "\" version \"", framework.version(),
                         "\" cannot supersede version \"", earlier.version(),
                         "\": only an earlier version can be superseded"));
      }
    }
    it->second.file_name = file.file_name;
    it->second.framework = std::move(framework);
  }
  return registry;
}

const v1::Framework* FrameworkRegistry::Find(absl::string_view id,
                                             absl::string_view version) const {
  auto it =
      frameworks_.find(std::make_pair(std::string(id), std::string(version)));
  return it == frameworks_.end() ? nullptr : &it->second.framework;
}

const v1::Framework* FrameworkRegistry::Newest(absl::string_view id) const {
  const v1::Framework* newest = nullptr;
  for (const auto& [key, entry] : frameworks_) {
    if (key.first != id) continue;
    if (newest == nullptr || CompareFrameworkVersions(entry.framework.version(),
                                                      newest->version()) > 0) {
      newest = &entry.framework;
    }
  }
  return newest;
}

std::optional<v1::FrameworkSuperseded> FrameworkRegistry::SupersessionOf(
    absl::string_view id, absl::string_view version) const {
  std::optional<v1::FrameworkSuperseded> found;
  for (const auto& [key, entry] : frameworks_) {
    if (key.first != id) continue;
    for (const v1::Supersession& earlier : entry.framework.supersedes()) {
      if (earlier.version() != version) continue;
      if (found.has_value() &&
          CompareFrameworkVersions(entry.framework.version(),
                                   found->by_version()) <= 0) {
        continue;
      }
      found.emplace();
      found->set_by_version(entry.framework.version());
      found->set_reason(earlier.reason());
    }
  }
  return found;
}

std::vector<const v1::Framework*> FrameworkRegistry::List() const {
  std::vector<const v1::Framework*> all;
  all.reserve(frameworks_.size());
  for (const auto& [key, entry] : frameworks_) all.push_back(&entry.framework);
  return all;
}

}  // namespace yjinspect::common
