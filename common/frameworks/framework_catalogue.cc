#include "common/frameworks/framework_catalogue.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/field_violations.h"

namespace yjinspect::common {
namespace {

constexpr absl::string_view kFrameworkNameFormat =
    "must be frameworks/{id}/versions/{version}, as "
    "frameworks/sqs-2014/versions/2";

struct VersionName {
  std::string id;
  std::string version;
};

std::optional<VersionName> ParseVersionName(absl::string_view name) {
  std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  if (parts.size() != 4 || parts[0] != "frameworks" || parts[2] != "versions" ||
      parts[1].empty() || parts[3].empty()) {
    return std::nullopt;
  }
  return VersionName{std::string(parts[1]), std::string(parts[3])};
}

}  // namespace

std::string FrameworkVersionName(absl::string_view id,
                                 absl::string_view version) {
  return absl::StrCat("frameworks/", id, "/versions/", version);
}

v1::FrameworkVersion FrameworkCatalogue::Describe(
    const v1::Framework& framework, bool full) const {
  v1::FrameworkVersion out;
  out.set_name(FrameworkVersionName(framework.id(), framework.version()));
  v1::Framework& described = *out.mutable_framework();
  if (full) {
    described = framework;
  } else {
    described.set_id(framework.id());
    described.set_version(framework.version());
    described.set_title(framework.title());
    described.set_provenance(framework.provenance());
    *described.mutable_supersedes() = framework.supersedes();
  }
  out.set_newest(registry_.Newest(framework.id()) == &framework);
  if (auto superseded =
          registry_.SupersessionOf(framework.id(), framework.version())) {
    *out.mutable_superseded() = *std::move(superseded);
  }
  return out;
}

absl::StatusOr<v1::ListFrameworksResponse> FrameworkCatalogue::List(
    const v1::ListFrameworksRequest& request) const {
  v1::ListFrameworksResponse response;
  // The registry orders versions as text ("10" before "2"); a client
  // reads them oldest first.
  std::vector<const v1::Framework*> frameworks = registry_.List();
  std::stable_sort(frameworks.begin(), frameworks.end(),
                   [](const v1::Framework* a, const v1::Framework* b) {
                     if (a->id() != b->id()) return a->id() < b->id();
                     return CompareFrameworkVersions(a->version(),
                                                     b->version()) < 0;
                   });
  for (const v1::Framework* framework : frameworks) {
    if (!request.framework_id().empty() &&
        framework->id() != request.framework_id()) {
      continue;
    }
    *response.add_frameworks() = Describe(*framework, /*full=*/false);
  }
  return response;
}

absl::StatusOr<v1::FrameworkVersion> FrameworkCatalogue::Get(
    const v1::GetFrameworkRequest& request) const {
  FieldViolations v;
  std::optional<VersionName> name = ParseVersionName(request.name());
  if (!name) {
    v.Add("name", request.name().empty() ? "is required"
                                         : std::string(kFrameworkNameFormat));
  }
  if (absl::Status invalid = v.ToStatus("GetFramework request");
      !invalid.ok()) {
    return invalid;
  }
  const v1::Framework* framework = registry_.Find(name->id, name->version);
  if (framework == nullptr) {
    return absl::NotFoundError(absl::StrCat(
        "framework ", name->id, " version ", name->version,
        " is not known to this service; ListFrameworks lists the versions "
        "it knows"));
  }
  return Describe(*framework, /*full=*/true);
}

}  // namespace yjinspect::common
