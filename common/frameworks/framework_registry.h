#pragma once

// The inspection frameworks a process knows, by (id, version). An inspection
// pins a framework id and version; services look the framework up here.
//
// A registry is loaded whole or not at all: one broken file refuses the load,
// naming the file, the line and the reason, so that a service never starts
// with part of its frameworks. Once loaded it is immutable, and its const
// methods are safe to call from many threads at once.

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "yjinspect/v1/framework.pb.h"

namespace yjinspect::common {

// One framework file's name (as errors name it) and its text.
struct FrameworkFile {
  std::string file_name;
  std::string text;
};

// Orders framework versions: dot-separated parts compared as numbers when
// both are digits ("2" < "10", "1.2" < "1.10"), else as text; a version
// that is a prefix of another sorts first. Negative, zero or positive.
int CompareFrameworkVersions(absl::string_view a, absl::string_view b);

class FrameworkRegistry {
 public:
  // The repository's frameworks/*.textproto as they were at build time,
  // compiled into the binary; file names in errors are repository-relative
  // ("frameworks/sqs-2014.textproto").
  static absl::StatusOr<FrameworkRegistry> LoadBuiltIn();

  // Every regular file named *.textproto directly in `path` (not in
  // subfolders; names starting with '.' are skipped), in name order.
  // NOT_FOUND when `path` is not a readable folder or holds no such file;
  // INVALID_ARGUMENT "<path>/<file>:<line>:<column>: <reason>" when a file is
  // broken; INVALID_ARGUMENT when two files define the same id and version,
  // or when a framework supersedes a version that does not sort before its
  // own.
  static absl::StatusOr<FrameworkRegistry> LoadDirectory(
      const std::string& path);

  // Parses and validates each file (see ParseFramework); the same errors as
  // LoadDirectory for broken files and duplicates. No files: an empty
  // registry.
  static absl::StatusOr<FrameworkRegistry> LoadFiles(
      absl::Span<const FrameworkFile> files);

  FrameworkRegistry(FrameworkRegistry&&) = default;
  FrameworkRegistry& operator=(FrameworkRegistry&&) = default;
  FrameworkRegistry(const FrameworkRegistry&) = delete;
  FrameworkRegistry& operator=(const FrameworkRegistry&) = delete;

  // The framework with this id and version, or null. The pointer is valid as
  // long as this registry (moving the registry keeps it valid).
  const v1::Framework* Find(absl::string_view id,
                            absl::string_view version) const;

  // Every framework, ordered by id, then version (as text).
  std::vector<const v1::Framework*> List() const;

  // The newest version of the framework `id` (by CompareFrameworkVersions),
  // or null when no version of it is known. New inspections that name no
  // version take this one.
  const v1::Framework* Newest(absl::string_view id) const;

  // When a loaded version of `id` supersedes `version`: that version's
  // number and the reason it gives. The newest such version when several
  // do. nullopt for a version nothing supersedes.
  std::optional<v1::FrameworkSuperseded> SupersessionOf(
      absl::string_view id, absl::string_view version) const;

 private:
  FrameworkRegistry() = default;

  struct Entry {
    std::string file_name;
    v1::Framework framework;
  };
  // std::map nodes never move, so Find's pointers survive moving the map.
  std::map<std::pair<std::string, std::string>, Entry> frameworks_;
};

}  // namespace yjinspect::common
