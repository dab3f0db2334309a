#pragma once

// The access policy: each caller the services know, by the identity its
// client certificate proves (the subject's Common Name), with its role and
// the YOTs or inspections that role applies to. Loaded once at start from a
// textproto file (yjinspect.config.v1.AccessPolicy, see docs/security.md);
// immutable afterwards, so it may be read from any thread.

#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace yjinspect::common {

enum class Role {
  kYotSubmitter,     // submits and reads its own YOT's cases
  kInspector,        // judges the cases of inspections it is assigned to
  kLeadInspector,    // also draws samples, overrides and agrees verdicts,
                     // publishes
  kFindingsService,  // streams sampled cases, fixes samples at fieldwork
  kReader,           // reads published reports only
  kAuditor,          // reads and verifies the audit trails
  kOperator,         // takes, lists and verifies backups
  kGateway,          // no rights of its own: calls only for a user it names
                     // (the workbench, for the person signed in to it)
};

// Whether a gateway may call for a caller with `role`: for any person or
// submitting system, never for a service or another gateway.
bool GatewayMayActFor(Role role);

// "yot-submitter", "inspector", ... as written in the policy file.
absl::string_view RoleName(Role role);

struct PolicyEntry {
  std::string identity;
  Role role = Role::kReader;
  // yot-submitter: the YOT codes it submits for.
  std::set<std::string> yots;
  // inspector, lead-inspector: inspection id -> the YOT code it inspects.
  std::map<std::string, std::string> assignments;

  // Whether `yot` is one of an assignment's YOTs.
  bool AssignedToYot(absl::string_view yot) const;
};

class AccessPolicy {
 public:
  // Reads and validates the file. INVALID_ARGUMENT naming the file, line
  // and reason for the first problem found ("policy.textproto:7:3: caller
  // 'lead-1' has role 'inspector' but names a yot"); NOT_FOUND when the
  // file cannot be read.
  static absl::StatusOr<AccessPolicy> LoadFile(const std::string& path);
  // As LoadFile, for text already read; `source` names it in errors.
  static absl::StatusOr<AccessPolicy> Parse(absl::string_view text,
                                            absl::string_view source);

  // The caller with this identity, or nullptr when the policy has none.
  const PolicyEntry* Find(absl::string_view identity) const;
  size_t size() const { return callers_.size(); }
  // Every caller, by identity.
  std::vector<const PolicyEntry*> Entries() const;

 private:
  std::map<std::string, PolicyEntry, std::less<>> callers_;
};

}  // namespace yjinspect::common
