#pragma once

// What the Frameworks service answers: the registry's frameworks as
// resources named frameworks/{id}/versions/{version}, with whether each is
// its framework's newest version and what supersedes it. Pure; no RPC.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/frameworks/framework_registry.h"
#include "yjinspect/v1/frameworks_service.pb.h"

namespace yjinspect::common {

// "frameworks/{id}/versions/{version}".
std::string FrameworkVersionName(absl::string_view id,
                                 absl::string_view version);

class FrameworkCatalogue {
 public:
  // `registry` must outlive the catalogue.
  explicit FrameworkCatalogue(const FrameworkRegistry& registry)
      : registry_(registry) {}

  // Ordered by id, then version (oldest first), each without its criteria
  // (Get gives them). An id the registry lacks gives an empty list.
  absl::StatusOr<v1::ListFrameworksResponse> List(
      const v1::ListFrameworksRequest& request) const;

  // INVALID_ARGUMENT (name) for a name not of the form above; NOT_FOUND
  // for a version the registry lacks.
  absl::StatusOr<v1::FrameworkVersion> Get(
      const v1::GetFrameworkRequest& request) const;

 private:
  v1::FrameworkVersion Describe(const v1::Framework& framework,
                                bool full) const;

  const FrameworkRegistry& registry_;
};

}  // namespace yjinspect::common
