#pragma once

// Authorization: the one table saying, for every RPC of both services,
// which roles may call it and on which resources, and the one function that
// applies it. It decides from the caller's policy entry and the names in
// the request alone, before any lookup, so a refusal is the same whether or
// not the named resource exists. (Two exceptions, decided deliberately: a
// reader's RenderReport asks whether the report is published, and is
// refused alike when the inspection is unknown or unpublished; a YOT's
// submitter reaching its own inspection's action plan asks which YOT the
// inspection is of, and is refused alike when it is unknown or another
// YOT's.)

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "common/access/access_policy.h"
#include "google/protobuf/message.h"

namespace yjinspect::common {

// What a grant covers.
enum class Scope {
  kAny,                 // every call of the method
  kOwnYot,              // the request names one of the caller's YOTs
  kAssignedYot,         // ... the YOT of one of the caller's assignments
  kAssignedInspection,  // ... one of the caller's assigned inspections
  kPublished,           // ... an inspection whose report is published
  kOwnYotInspection,    // ... an inspection of one of the caller's YOTs
  kOwnYotPublished,     // ... of one of the caller's YOTs, report published
};

struct Grant {
  Role role;
  Scope scope;
};

// The resource a request names, from its fields; empty parts when it names
// none (or a name does not parse, which no scope then matches).
struct Target {
  std::string yot;         // a YOT code
  std::string inspection;  // an inspection id
};

struct MethodRule {
  // Full gRPC method name, "/yjinspect.v1.CaseIntake/GetCase".
  std::string method;
  std::vector<Grant> grants;
  std::function<Target(const google::protobuf::Message&)> target;
};

// The table: one rule per RPC of yjinspect.v1.CaseIntake and
// yjinspect.v1.Findings.
const std::vector<MethodRule>& MethodRules();
// The rule of `method`, or nullptr (then every caller is refused).
const MethodRule* RuleFor(absl::string_view method);

class Authorizer {
 public:
  // Whether an inspection's report is published (findings' view).
  using PublishedCheck = std::function<bool(absl::string_view inspection_id)>;
  // The bare code of the YOT an inspection is of (findings' view); empty
  // for an inspection not known.
  using InspectionYot =
      std::function<std::string(absl::string_view inspection_id)>;

  // Without `published`, kPublished and kOwnYotPublished grants allow
  // nothing; without `inspection_yot`, kOwnYotInspection and
  // kOwnYotPublished grants neither.
  explicit Authorizer(std::shared_ptr<const AccessPolicy> policy,
                      PublishedCheck published = nullptr,
                      InspectionYot inspection_yot = nullptr);

  // OK when the caller with `identity` may call `method` with `request`;
  // UNAUTHENTICATED when the policy does not know the identity;
  // PERMISSION_DENIED otherwise (also for a method without a rule).
  absl::Status Authorize(absl::string_view identity, absl::string_view method,
                         const google::protobuf::Message& request) const;

 private:
  bool Covers(const PolicyEntry& caller, const Grant& grant,
              const Target& target) const;
  // The target names an inspection of one of the caller's YOTs.
  bool OfOwnYot(const PolicyEntry& caller, const Target& target) const;

  std::shared_ptr<const AccessPolicy> policy_;
  PublishedCheck published_;
  InspectionYot inspection_yot_;
};

}  // namespace yjinspect::common
