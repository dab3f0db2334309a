#include "services/intake/intake_service.h"

#include <string>
#include <utility>

#include "absl/time/clock.h"
#include "common/admin/audit_trail_service.h"
#include "common/error_details.h"
#include "common/error_reasons.h"
#include "common/field_checks.h"
#include "common/request_id.h"
#include "common/resource_names.h"
#include "common/rpc/caller.h"
#include "common/rpc/rpc_edge.h"
#include "services/intake/audit_records.h"
#include "services/intake/audited_answers.h"
#include "services/intake/batch_create_reactor.h"
#include "services/intake/stream/sampled_case_stream.h"
#include "services/intake/stream/stream_request.h"

namespace yjinspect::intake {
namespace {

using common::AuditEventOf;

// A resource name fit for a log line: only names that parse.
std::string LoggableCaseName(const std::string& name) {
  return common::ParseCaseName(name) ? name : "-";
}

// Who is calling, for the records an inspection keeps of its steps.
std::string ActorOf(const grpc::CallbackServerContext* context) {
  return common::CallerOf(context).identity;
}

// An inspection's name fit for a log line: only one that parses.
std::string LoggableInspection(const std::string& name) {
  return common::ParseInspectionName(name) ? name : "-";
}

std::string LoggableParentCase(const v1::CreateCaseRequest& request) {
  if (!common::ParseYotName(request.parent()) ||
      !common::IsValidCaseId(request.case_id())) {
    return "-";
  }
  return request.parent() + "/cases/" + request.case_id();
}

}  // namespace

grpc::ServerUnaryReactor* IntakeService::CreateCase(
    grpc::CallbackServerContext* context, const v1::CreateCaseRequest* request,
    v1::Case* response) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        cases_.CreateCase(*request, [this, call, response,
                                     resource = LoggableParentCase(*request)](
                                        absl::StatusOr<StoredCaseResult> r) {
          if (r.ok() && r->created) metrics_.CaseStored();
          if (r.ok()) *response = std::move(r->stored);
          call.Finish(resource, r.status());
        });
      });
}

grpc::ServerReadReactor<v1::BatchCreateCasesRequest>*
IntakeService::BatchCreateCases(grpc::CallbackServerContext* context,
                                v1::BatchCreateCasesResponse* response) {
  // Decided on the method alone here (the cases come later), then on each
  // case by the CreateCase rule.
  absl::StatusOr<common::CallStart> started = edge_.Start(
      context, __func__, v1::BatchCreateCasesRequest::default_instance());
  if (!started.ok()) {
    return new common::RefusedReader<v1::BatchCreateCasesRequest>(
        started.status());
  }
  absl::StatusOr<std::shared_ptr<void>> place = uploads_.Enter();
  if (!place.ok()) {
    common::LogCall(__func__, "-", place.status(), *started);
    return new common::RefusedReader<v1::BatchCreateCasesRequest>(
        place.status());
  }
  BatchCreateReactor::Admission admit;
  if (edge_.checks_access()) {
    admit = [this, context](const v1::CreateCaseRequest& request) {
      return edge_.Authorize(context, "CreateCase", request);
    };
  }
  auto* reactor = new BatchCreateReactor(cases_, metrics_, *started, response,
                                         std::move(admit));
  reactor->Hold(*std::move(place));
  return reactor;
}

grpc::ServerUnaryReactor* IntakeService::GetCase(
    grpc::CallbackServerContext* context, const v1::GetCaseRequest* request,
    v1::Case* response) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        const std::string resource = LoggableCaseName(request->name());
        FinishAudited(
            store_, call, resource,
            AuditEventOf(context, v1::AUDIT_ACTION_READ_CASE, resource),
            cases_.GetCase(*request), response);
      });
}

grpc::ServerUnaryReactor* IntakeService::ListCases(
    grpc::CallbackServerContext* context, const v1::ListCasesRequest* request,
    v1::ListCasesResponse* response) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        const std::string resource =
            common::ParseYotName(request->parent(), true) ? request->parent()
                                                          : "-";
        FinishAudited(
            store_, call, resource,
            AuditEventOf(context, v1::AUDIT_ACTION_LIST_CASES, resource),
            cases_.ListCases(*request), response);
      });
}

grpc::ServerUnaryReactor* IntakeService::UpdateCase(
    grpc::CallbackServerContext* context, const v1::UpdateCaseRequest* request,
    v1::Case* response) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        cases_.UpdateCase(
            *request, [this, call, response,
                       resource = LoggableCaseName(request->case_().name())](
                          absl::StatusOr<v1::Case> r) {
              if (r.ok()) metrics_.CaseStored();
              call.FinishWith(resource, std::move(r), response);
            });
      });
}

grpc::ServerUnaryReactor* IntakeService::DeleteCase(
    grpc::CallbackServerContext* context, const v1::DeleteCaseRequest* request,
    google::protobuf::Empty* /*response*/) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        std::string resource = LoggableCaseName(request->name());
        common::AuditEvent event =
            AuditEventOf(context, v1::AUDIT_ACTION_ERASE_CASE, resource);
        cases_.DeleteCase(*request, std::move(event),
                          [call, resource](const absl::Status& s) {
                            call.Finish(resource, s);
                          });
      });
}

grpc::ServerUnaryReactor* IntakeService::CreateInspection(
    grpc::CallbackServerContext* context,
    const v1::CreateInspectionRequest* request, v1::Inspection* response) {
  return edge_.Unary(context, __func__, *request,
                     [&](const common::UnaryCall& call) {
                       inspections_.CreateInspection(
                           *request, ActorOf(context),
                           [call, response](absl::StatusOr<v1::Inspection> r) {
                             std::string resource = r.ok() ? r->name() : "-";
                             call.FinishWith(resource, std::move(r), response);
                           });
                     });
}

grpc::ServerUnaryReactor* IntakeService::GetInspection(
    grpc::CallbackServerContext* context,
    const v1::GetInspectionRequest* request, v1::Inspection* response) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        call.FinishWith(LoggableInspection(request->name()),
                        inspections_.GetInspection(*request), response);
      });
}

grpc::ServerUnaryReactor* IntakeService::ListInspections(
    grpc::CallbackServerContext* context,
    const v1::ListInspectionsRequest* request,
    v1::ListInspectionsResponse* response) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        call.FinishWith("inspections", inspections_.ListInspections(*request),
                        response);
      });
}

grpc::ServerUnaryReactor* IntakeService::DrawSample(
    grpc::CallbackServerContext* context, const v1::DrawSampleRequest* request,
    v1::Inspection* response) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        sampling_.DrawSample(
            *request, ActorOf(context),
            call.Finisher(LoggableInspection(request->name()), response));
      });
}

grpc::ServerUnaryReactor* IntakeService::ResetSample(
    grpc::CallbackServerContext* context, const v1::ResetSampleRequest* request,
    v1::Inspection* response) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        sampling_.ResetSample(
            *request, ActorOf(context),
            call.Finisher(LoggableInspection(request->name()), response));
      });
}

grpc::ServerUnaryReactor* IntakeService::StartFieldwork(
    grpc::CallbackServerContext* context,
    const v1::StartFieldworkRequest* request, v1::Inspection* response) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        lifecycle_.StartFieldwork(
            *request, ActorOf(context),
            call.Finisher(LoggableInspection(request->name()), response));
      });
}

grpc::ServerUnaryReactor* IntakeService::AdvanceInspection(
    grpc::CallbackServerContext* context,
    const v1::AdvanceInspectionRequest* request, v1::Inspection* response) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        const std::string resource = LoggableInspection(request->name());
        auto finish = call.Finisher(resource, response);
        const v1::InspectionState to = request->state();
        // Only the findings service vouches for resolved moderation; on an
        // insecure server nobody is checked (docs/security.md).
        const common::Caller caller = common::CallerOf(context);
        if (request->second_marking_resolved() && !caller.role.empty() &&
            caller.role != "findings-service") {
          finish(common::PermissionDenied(
              common::kNotTheSecondMarker,
              "only the findings service sets second_marking_resolved: "
              "agree these verdicts with Findings.AgreeVerdicts"));
          return;
        }
        if (to != v1::INSPECTION_STATE_VERDICTS_AGREED &&
            to != v1::INSPECTION_STATE_REPORT_PUBLISHED) {
          lifecycle_.Advance(*request, ActorOf(context), std::move(finish));
          return;
        }
        // Agreeing verdicts and publishing the report are audited: answered
        // once their record is durable. (The step itself is also kept, with
        // who and when, on the inspection.)
        common::AuditEvent event =
            AuditEventOf(context,
                         to == v1::INSPECTION_STATE_VERDICTS_AGREED
                             ? v1::AUDIT_ACTION_AGREE_VERDICTS
                             : v1::AUDIT_ACTION_PUBLISH_REPORT,
                         resource);
        lifecycle_.Advance(
            *request, ActorOf(context),
            AuditedStep(store_, std::move(event), std::move(finish)));
      });
}

grpc::ServerUnaryReactor* IntakeService::AssignSecondMarkers(
    grpc::CallbackServerContext* context,
    const v1::AssignSecondMarkersRequest* request, v1::Inspection* response) {
  return edge_.Unary(
      context, __func__, *request, [&](const common::UnaryCall& call) {
        const std::string resource = LoggableInspection(request->name());
        auto finish = call.Finisher(resource, response);
        // Answered once its audit record is durable, as agreeing verdicts.
        common::AuditEvent event = AuditEventOf(
            context, v1::AUDIT_ACTION_ASSIGN_SECOND_MARKERS, resource);
        sampling_.AssignSecondMarkers(
            *request, ActorOf(context),
            AuditedStep(store_, std::move(event), std::move(finish)));
      });
}

grpc::ServerWriteReactor<v1::StreamSampledCasesResponse>*
IntakeService::StreamSampledCases(
    grpc::CallbackServerContext* context,
    const v1::StreamSampledCasesRequest* request) {
  absl::StatusOr<common::CallStart> edge =
      edge_.Start(context, __func__, *request);
  if (!edge.ok()) {
    return new common::RefusedWriter<v1::StreamSampledCasesResponse>(
        edge.status());
  }
  const common::CallStart& started = *edge;
  if (absl::Status invalid =
          ValidateStreamSampledCasesRequest(*request).ToStatus(
              "StreamSampledCases request");
      !invalid.ok()) {
    common::LogCall("StreamSampledCases", "-", invalid, started);
    return new common::RefusedWriter<v1::StreamSampledCasesResponse>(invalid);
  }
  common::LogEvent(
      spdlog::level::info, "StreamSampledCases started",
      common::LogFields()
          .Add("service", metrics_.service().service())
          .Add("method", "StreamSampledCases")
          .Add("after_sequence", request->after_sequence())
          .Add("max_changes_per_message",
               static_cast<uint64_t>(request->max_changes_per_message()))
          .Add("request_id", started.request_id));
  return new SampledCaseStream(
      store_, feed_, *request,
      [metrics = &metrics_](const v1::Change& change) {
        metrics->ChangeDelivered(change);
      },
      started);
}

}  // namespace yjinspect::intake
