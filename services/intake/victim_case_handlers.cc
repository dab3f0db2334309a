// The victims' cases RPCs of yjinspect.v1.CaseIntake: part of the thin
// adapter IntakeService (intake_service.h), in a file of their own. Reads
// and erasures are audited as the cases' are (READ_CASE, LIST_CASES,
// ERASE_CASE), the resource naming the victim's case.

#include <string>
#include <utility>
#include <vector>

#include "common/admin/audit_trail_service.h"
#include "common/resource_names.h"
#include "common/rpc/caller.h"
#include "services/intake/audited_answers.h"
#include "services/intake/intake_service.h"

namespace yjinspect::intake {
namespace {

using common::AuditEventOf;

// A resource name fit for a log line or an audit record: only names that
// parse.
std::string LoggableVictimCaseName(const std::string& name) {
  return common::ParseVictimCaseName(name) ? name : "-";
}

std::string LoggableYot(const std::string& name) {
  return common::ParseYotName(name) ? name : "-";
}

// The name of the victim's case `request` would create, or "".
std::string NameToCreate(const v1::CreateVictimCaseRequest& request,
                         const std::string& parent) {
  auto yot = common::ParseYotName(request.parent().empty() ? parent
                                                           : request.parent());
  if (!yot || !common::IsValidCaseId(request.victim_case_id())) return "";
  return common::FormatVictimCaseName(*yot, request.victim_case_id());
}

}  // namespace

grpc::ServerUnaryReactor* IntakeService::CreateVictimCase(
    grpc::CallbackServerContext* context,
    const v1::CreateVictimCaseRequest* request, v1::VictimCase* response) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        std::string resource = NameToCreate(*request, "");
        victim_cases_.CreateVictimCase(
            *request, [this, call, response,
                       resource = resource.empty() ? "-" : resource](
                          absl::StatusOr<StoredVictimCaseResult> r) {
              if (r.ok() && r->created) metrics_.VictimCaseStored();
              if (r.ok()) *response = std::move(r->stored);
              call.Finish(resource, r.status());
            });
      });
}

grpc::ServerUnaryReactor* IntakeService::BatchCreateVictimCases(
    grpc::CallbackServerContext* context,
    const v1::BatchCreateVictimCasesRequest* request,
    v1::BatchCreateVictimCasesResponse* response) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        std::vector<std::string> names;
        for (const auto& one : request->requests()) {
          names.push_back(NameToCreate(one, request->parent()));
        }
        victim_cases_.BatchCreateVictimCases(
            *request,
            [this, call, response, names = std::move(names),
             resource = LoggableYot(request->parent())](
                absl::StatusOr<
                    std::vector<absl::StatusOr<StoredVictimCaseResult>>>
                    results) {
              if (results.ok()) {
                int64_t next_index = 0;
                const int64_t created =
                    AppendBatchResults(names, *results, &next_index, response);
                for (int64_t i = 0; i < created; ++i) {
                  metrics_.VictimCaseStored();
                }
              }
              call.Finish(resource, results.status());
            });
      });
}

grpc::ServerUnaryReactor* IntakeService::GetVictimCase(
    grpc::CallbackServerContext* context,
    const v1::GetVictimCaseRequest* request, v1::VictimCase* response) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        const std::string resource = LoggableVictimCaseName(request->name());
        FinishAudited(
            store_, call, resource,
            AuditEventOf(context, v1::AUDIT_ACTION_READ_CASE, resource),
            victim_cases_.GetVictimCase(*request), response);
      });
}

grpc::ServerUnaryReactor* IntakeService::ListVictimCases(
    grpc::CallbackServerContext* context,
    const v1::ListVictimCasesRequest* request,
    v1::ListVictimCasesResponse* response) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        const std::string resource = LoggableYot(request->parent());
        FinishAudited(
            store_, call, resource,
            AuditEventOf(context, v1::AUDIT_ACTION_LIST_CASES, resource),
            victim_cases_.ListVictimCases(*request), response);
      });
}

grpc::ServerUnaryReactor* IntakeService::UpdateVictimCase(
    grpc::CallbackServerContext* context,
    const v1::UpdateVictimCaseRequest* request, v1::VictimCase* response) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        victim_cases_.UpdateVictimCase(
            *request,
            [this, call, response,
             resource = LoggableVictimCaseName(request->victim_case().name())](
                absl::StatusOr<v1::VictimCase> r) {
              if (r.ok()) metrics_.VictimCaseStored();
              call.FinishWith(resource, std::move(r), response);
            });
      });
}

grpc::ServerUnaryReactor* IntakeService::DeleteVictimCase(
    grpc::CallbackServerContext* context,
    const v1::DeleteVictimCaseRequest* request,
    google::protobuf::Empty* /*response*/) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        std::string resource = LoggableVictimCaseName(request->name());
        victim_cases_.DeleteVictimCase(
            *request,
            AuditEventOf(context, v1::AUDIT_ACTION_ERASE_CASE, resource),
            [call, resource](const absl::Status& s) {
              call.Finish(resource, s);
            });
      });
}

}  // namespace yjinspect::intake
