#include "common/access/access_policy.h"

#include <fstream>
#include <sstream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/field_checks.h"
#include "common/field_violations.h"
#include "common/resource_names.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"
#include "yjinspect/config/v1/access_policy.pb.h"

namespace yjinspect::common {
namespace {

using google::protobuf::TextFormat;

constexpr std::pair<Role, absl::string_view> kRoleNames[] = {
    {Role::kYotSubmitter, "yot-submitter"},
    {Role::kInspector, "inspector"},
    {Role::kLeadInspector, "lead-inspector"},
    {Role::kFindingsService, "findings-service"},
    {Role::kReader, "reader"},
    {Role::kAuditor, "auditor"},
    {Role::kOperator, "operator"},
    {Role::kGateway, "gateway"},
};

// Keeps the first syntax error with its position.
class FirstError : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, google::protobuf::io::ColumnNumber column,
                const std::string& message) override {
    if (message_.empty()) {
      // The parser counts from zero; editors count from one.
      message_ = absl::StrCat(line + 1, ":", column + 1, ": ", message);
    }
  }
  const std::string& message() const { return message_; }

 private:
  std::string message_;
};

// Validates one caller entry; errors name the position of the field at
// fault (or of the entry, for a field left out).
class EntryChecker {
 public:
  EntryChecker(std::string source, const TextFormat::ParseInfoTree* tree,
               TextFormat::ParseLocation entry)
      : source_(std::move(source)), tree_(tree), entry_(entry) {}

  absl::Status Error(const google::protobuf::Message& message,
                     absl::string_view field, int index,
                     absl::string_view reason) const {
    const auto* descriptor =
        message.GetDescriptor()->FindFieldByName(std::string(field));
    auto location = tree_ != nullptr && descriptor != nullptr
                        ? tree_->GetLocation(descriptor, index)
                        : entry_;
    // A field left out has no position of its own: point at the entry.
    if (location.line < 0) location = entry_;
    return absl::InvalidArgumentError(
        absl::StrCat(source_, ":", location.line + 1, ":", location.column + 1,
                     ": ", reason));
  }

  absl::StatusOr<PolicyEntry> Check(
      const config::v1::PolicyCaller& caller) const {
    PolicyEntry entry;
    FieldViolations token;
    CheckToken(token, "identity", caller.identity(), 64, "-_.@", true);
    if (!token.empty()) {
      return Error(caller, "identity", -1,
                   "identity must be 1 to 64 letters, digits, '-', '_', "
                   "'.' or '@' (the certificate's Common Name)");
    }
    entry.identity = caller.identity();
    bool known = false;
    for (const auto& [role, name] : kRoleNames) {
      if (caller.role() == name) {
        entry.role = role;
        known = true;
      }
    }
    if (!known) {
      return Error(caller, caller.role().empty() ? "identity" : "role", -1,
                   absl::StrCat("caller '", caller.identity(),
                                "' needs a role: one of yot-submitter, "
                                "inspector, lead-inspector, "
                                "findings-service, reader, auditor, "
                                "operator, gateway"));
    }
    const bool submitter = entry.role == Role::kYotSubmitter;
    const bool assigned =
        entry.role == Role::kInspector || entry.role == Role::kLeadInspector;
    if (!submitter && caller.yot_size() > 0) {
      return Error(
          caller, "yot", 0,
          absl::StrCat("caller '", caller.identity(), "' has role '",
                       caller.role(), "'; only a yot-submitter names yots"));
    }
    if (!assigned && caller.assignment_size() > 0) {
      return Error(caller, "assignment", 0,
                   absl::StrCat("caller '", caller.identity(), "' has role '",
                                caller.role(),
                                "'; only inspectors and lead inspectors "
                                "have assignments"));
    }
    if (submitter && caller.yot_size() == 0) {
      return Error(caller, "role", -1,
                   absl::StrCat("yot-submitter '", caller.identity(),
                                "' needs at least one yot"));
    }
    if (assigned && caller.assignment_size() == 0) {
      return Error(caller, "role", -1,
                   absl::StrCat(caller.role(), " '", caller.identity(),
                                "' needs at least one assignment"));
    }
    for (int i = 0; i < caller.yot_size(); ++i) {
      if (!IsValidYotId(caller.yot(i))) {
        return Error(caller, "yot", i,
                     absl::StrCat("'", caller.yot(i),
                                  "' is not a YOT code (lower-case letters, "
                                  "digits and '-'; no 'yots/')"));
      }
      entry.yots.insert(caller.yot(i));
    }
    for (int i = 0; i < caller.assignment_size(); ++i) {
      const config::v1::Assignment& a = caller.assignment(i);
      if (!IsValidInspectionId(a.inspection()) || !IsValidYotId(a.yot())) {
        return Error(caller, "assignment", i,
                     "an assignment needs an inspection id and a YOT code "
                     "(lower-case letters, digits and '-'; no "
                     "'inspections/' or 'yots/')");
      }
      if (!entry.assignments.emplace(a.inspection(), a.yot()).second) {
        return Error(caller, "assignment", i,
                     absl::StrCat("inspection '", a.inspection(),
                                  "' is assigned twice"));
      }
    }
    return entry;
  }

 private:
  std::string source_;
  const TextFormat::ParseInfoTree* tree_;
  TextFormat::ParseLocation entry_;
};

}  // namespace

absl::string_view RoleName(Role role) {
  for (const auto& [r, name] : kRoleNames) {
    if (r == role) return name;
  }
  return "unknown";
}

bool GatewayMayActFor(Role role) {
  return role != Role::kGateway && role != Role::kFindingsService;
}

bool PolicyEntry::AssignedToYot(absl::string_view yot) const {
  for (const auto& [inspection, assigned_yot] : assignments) {
    if (assigned_yot == yot) return true;
  }
  return false;
}

absl::StatusOr<AccessPolicy> AccessPolicy::LoadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return absl::NotFoundError(
        absl::StrCat("cannot read the policy file ", path));
  }
  std::stringstream text;
  text << in.rdbuf();
  return Parse(text.str(), path);
}

absl::StatusOr<AccessPolicy> AccessPolicy::Parse(absl::string_view text,
                                                 absl::string_view source) {
  config::v1::AccessPolicy proto;
  TextFormat::Parser parser;
  FirstError errors;
  TextFormat::ParseInfoTree tree;
  parser.RecordErrorsTo(&errors);
  parser.WriteLocationsTo(&tree);
  if (!parser.ParseFromString(std::string(text), &proto)) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ":", errors.message()));
  }
  AccessPolicy policy;
  for (int i = 0; i < proto.caller_size(); ++i) {
    const auto* field =
        config::v1::AccessPolicy::descriptor()->FindFieldByName("caller");
    EntryChecker checker(std::string(source), tree.GetTreeForNested(field, i),
                         tree.GetLocation(field, i));
    auto entry = checker.Check(proto.caller(i));
    if (!entry.ok()) return entry.status();
    std::string identity = entry->identity;
    if (!policy.callers_.emplace(identity, *std::move(entry)).second) {
      return checker.Error(proto.caller(i), "identity", -1,
                           absl::StrCat("identity '", identity,
                                        "' appears twice; a caller has one "
                                        "role"));
    }
  }
  if (policy.callers_.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(source, ": the policy names no caller"));
  }
  return policy;
}

const PolicyEntry* AccessPolicy::Find(absl::string_view identity) const {
  auto it = callers_.find(identity);
  return it == callers_.end() ? nullptr : &it->second;
}

std::vector<const PolicyEntry*> AccessPolicy::Entries() const {
  std::vector<const PolicyEntry*> entries;
  entries.reserve(callers_.size());
  for (const auto& [identity, entry] : callers_) entries.push_back(&entry);
  return entries;
}

}  // namespace yjinspect::common
