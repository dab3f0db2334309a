#include "cli/audit_commands.h"

#include <iostream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "cli/client/exit_codes.h"
#include "cli/client/rpc_client.h"
#include "cli/client/unary_call.h"
#include "cli/json_output.h"
#include "common/audit/audit_chain.h"
#include "common/rpc/grpc_status.h"
#include "google/protobuf/util/time_util.h"
#include "yjinspect/v1/admin_service.grpc.pb.h"
#include "yjinspect/v1/audit.grpc.pb.h"

namespace yjinspect::cli {
namespace {

using google::protobuf::util::TimeUtil;

struct AuditOptions {
  // intake, findings or all.
  std::string service = "all";
  std::string resource;
  std::string caller;
  std::string action;
  std::string since;
  std::string until;
  int64_t limit = 0;
  // verify: a head noted earlier ("SEQUENCE:HEX"), or the newest backup's.
  std::string expect_head;
  bool against_backup = false;
};

// The services named by --service, with their addresses.
std::vector<std::pair<std::string, std::string>> Targets(
    const GlobalOptions& global, const std::string& service) {
  std::vector<std::pair<std::string, std::string>> out;
  if (service == "intake" || service == "all") {
    out.push_back({"intake", global.intake});
  }
  if (service == "findings" || service == "all") {
    out.push_back({"findings", global.findings});
  }
  return out;
}

// "read-case", "READ_CASE" or "AUDIT_ACTION_READ_CASE".
bool ParseAction(const std::string& text, v1::AuditAction* action) {
  std::string name = absl::AsciiStrToUpper(text);
  absl::StrReplaceAll({{"-", "_"}}, &name);
  if (name.rfind("AUDIT_ACTION_", 0) != 0) name = "AUDIT_ACTION_" + name;
  return v1::AuditAction_Parse(name, action);
}

std::string ActionText(v1::AuditAction action) {
  std::string name = v1::AuditAction_Name(action);
  name = name.substr(std::string("AUDIT_ACTION_").size());
  absl::AsciiStrToLower(&name);
  absl::StrReplaceAll({{"_", "-"}}, &name);
  return name;
}

int List(const GlobalOptions& global, const AuditOptions& options) {
  v1::ListAuditRecordsRequest request;
  request.set_resource(options.resource);
  request.set_caller(options.caller);
  if (!options.action.empty()) {
    v1::AuditAction action;
    if (!ParseAction(options.action, &action)) {
      return ReportUsageFailure(
          absl::StrCat("unknown --action ", options.action));
    }
    request.set_action(action);
  }
  if (!options.since.empty() &&
      !TimeUtil::FromString(options.since, request.mutable_start_time())) {
    return ReportUsageFailure(
        "--since must be RFC 3339, e.g. 2026-11-26T00:00:00Z");
  }
  if (!options.until.empty() &&
      !TimeUtil::FromString(options.until, request.mutable_end_time())) {
    return ReportUsageFailure(
        "--until must be RFC 3339, e.g. 2026-11-27T00:00:00Z");
  }
  request.set_page_size(1000);
  int64_t printed = 0;
  for (const auto& [service, address] : Targets(global, options.service)) {
    auto stub = v1::AuditTrail::NewStub(Connect(address));
    request.clear_page_token();
    do {
      v1::ListAuditRecordsResponse response;
      grpc::Status status =
          stub->ListAuditRecords(Deadline().get(), request, &response);
      if (!status.ok()) return ReportFailure(common::FromGrpcStatus(status));
      for (const v1::AuditRecord& r : response.records()) {
        if (options.limit > 0 && printed == options.limit) return kExitOk;
        ++printed;
        if (global.json) {
          PrintJsonLine({{"service", service}, {"record", MessageValue(r)}});
          continue;
        }
        std::cout << absl::StrFormat(
            "%-8s %6d %s %-16s %-8s %-22s %-50s %s %s\n", service, r.sequence(),
            TimeUtil::ToString(r.time()),
            // A call the workbench made for its user: "lead-1 via workbench".
            r.gateway().empty()
                ? r.caller()
                : absl::StrCat(r.caller(), " via ", r.gateway()),
            r.role().empty() ? "-" : r.role(), ActionText(r.action()),
            r.resource(), r.request_id().empty() ? "-" : r.request_id(),
            r.outcome() == 0 ? "OK"
                             : absl::StatusCodeToString(
                                   static_cast<absl::StatusCode>(r.outcome())));
      }
      request.set_page_token(response.next_page_token());
    } while (!request.page_token().empty());
  }
  return kExitOk;
}

// The audit head recorded with the newest backup of the service at
// `address` that has one. NOT_FOUND when none has.
absl::StatusOr<v1::AuditHead> NewestBackupHead(const std::string& address) {
  auto listed = CallService(address, &v1::Admin::Stub::ListBackups,
                            v1::ListBackupsRequest());
  if (!listed.ok()) return listed.status();
  for (auto it = listed->backups().rbegin(); it != listed->backups().rend();
       ++it) {
    if (it->metadata().has_audit_head()) return it->metadata().audit_head();
  }
  return absl::NotFoundError(
      "--against-backup: no backup of this service records its audit trail "
      "head (take one with `yjinspect backup`)");
}

int Verify(const GlobalOptions& global, const AuditOptions& options) {
  const bool anchored = !options.expect_head.empty() || options.against_backup;
  if (anchored && options.service == "all") {
    return ReportUsageFailure(
        "--expect-head and --against-backup check one service's trail: give "
        "--service=intake or --service=findings");
  }
  if (!options.expect_head.empty() && options.against_backup) {
    return ReportUsageFailure(
        "give --expect-head or --against-backup, not both");
  }
  v1::VerifyAuditChainRequest request;
  if (!options.expect_head.empty()) {
    std::optional<common::AuditChainHead> head =
        common::ParseAuditHeadText(options.expect_head);
    if (!head.has_value()) {
      return ReportUsageFailure(
          "--expect-head must be SEQUENCE:HASH as the log's \"audit trail "
          "head\" line gives it (the hash as 64 hex digits), or SEQUENCE "
          "alone");
    }
    request.mutable_expected_head()->set_sequence(head->sequence);
    request.mutable_expected_head()->set_hash(head->hash);
  }
  bool all_intact = true;
  for (const auto& [service, address] : Targets(global, options.service)) {
    if (options.against_backup) {
      absl::StatusOr<v1::AuditHead> head = NewestBackupHead(address);
      if (!head.ok()) return ReportFailure(head.status());
      *request.mutable_expected_head() = *head;
    }
    auto verified =
        CallService(address, &v1::AuditTrail::Stub::VerifyAuditChain, request,
                    absl::Minutes(5));
    if (!verified.ok()) return ReportFailure(verified.status());
    const v1::VerifyAuditChainResponse& response = *verified;
    all_intact &= response.intact();
    if (global.json) {
      PrintJsonLine(
          {{"service", service}, {"verification", MessageValue(response)}});
    } else if (response.intact()) {
      std::cout << service << ": audit trail intact, "
                << response.record_count() << " records, head "
                << response.head_sequence() << ":"
                << absl::BytesToHexString(response.head_hash());
      if (request.has_expected_head()) {
        std::cout << "; holds record " << request.expected_head().sequence()
                  << (request.expected_head().hash().empty()
                          ? " noted earlier"
                          : " as noted earlier");
      }
      std::cout << "\n";
    } else {
      std::cout << service << ": audit trail BROKEN at record "
                << response.broken_at_sequence() << ": " << response.problem()
                << "\n";
    }
  }
  return all_intact ? kExitOk : kExitDamaged;
}

// --service: whose audit trail.
void AddServiceOption(CLI::App& command, std::string* service) {
  command.add_option("--service", *service, "intake, findings or all")
      ->check(CLI::IsMember({"intake", "findings", "all"}))
      ->capture_default_str();
}

}  // namespace

void AddAuditCommands(Subcommands commands) {
  Subcommands audit = commands.AddGroup(
      "audit",
      "Read and check the services' audit trails (reads of cases, judgement "
      "changes, verdict decisions, publication, erasures).");

  auto [list, filter] = audit.Add(
      "list", "List audit records in sequence order, filtered.", List);
  AddServiceOption(*list, &filter->service);
  list->add_option("--resource", filter->resource,
                   "only records of this resource name");
  list->add_option("--caller", filter->caller, "only records of this caller");
  list->add_option("--action", filter->action,
                   "only records of this action (read-case, list-cases, "
                   "erase-case, agree-verdicts, publish-report, "
                   "record-judgements, read-case-findings, "
                   "list-case-findings, read-judgement-history, "
                   "override-verdict, record-panel-rating, apply-erasure, "
                   "receive-case)");
  list->add_option("--since", filter->since,
                   "only records at or after this RFC 3339 time");
  list->add_option("--until", filter->until,
                   "only records before this RFC 3339 time");
  list->add_option("--limit", filter->limit, "at most this many records");

  auto [verify, trail] = audit.Add(
      "verify",
      "Check every record's hash and link. Exit code 5 and the first broken "
      "record when a record was removed or edited.",
      Verify);
  AddServiceOption(*verify, &trail->service);
  verify->add_option(
      "--expect-head", trail->expect_head,
      "SEQUENCE:HASH of a head noted earlier (the services log it as "
      "\"audit trail head\"; the metric yjinspect_audit_head_sequence gives "
      "SEQUENCE alone): the trail must still hold that record, which shows "
      "records removed from its end");
  verify->add_flag("--against-backup", trail->against_backup,
                   "check against the head recorded with the service's newest "
                   "backup");
}

}  // namespace yjinspect::cli
