#include "services/intake/intake_service.h"

#include <string>
#include <utility>

#include "absl/time/clock.h"
#include "common/caller.h"
#include "common/field_checks.h"
#include "common/request_id.h"
#include "common/resource_names.h"
#include "common/rpc_edge.h"
#include "services/intake/batch_create_reactor.h"
#include "services/intake/stream/sampled_case_stream.h"

namespace yjinspect::intake {
namespace {

using common::FinishCall;
using common::FinishWith;

// A resource name fit for a log line: only names that parse.
std::string LoggableCaseName(const std::string& name) {
  return common::ParseCaseName(name) ? name : "-";
}

// Who is calling, for the records an inspection keeps of its steps.
std::string ActorOf(const grpc::CallbackServerContext* context) {
  return common::CallerOf(context).identity;
}

std::string LoggableParentCase(const v1::CreateCaseRequest& request) {
  if (!common::ParseYotName(request.parent()) ||
      !common::IsValidCaseId(request.case_id())) {
    return "-";
  }
  return request.parent() + "/cases/" + request.case_id();
}

}  // namespace

common::CallStart IntakeService::StartCall(
    grpc::CallbackServerContext* context) {
  return common::StartCall(context, &metrics_.service());
}

grpc::ServerUnaryReactor* IntakeService::CreateCase(
    grpc::CallbackServerContext* context, const v1::CreateCaseRequest* request,
    v1::Case* response) {
  auto* reactor = context->DefaultReactor();
  const common::CallStart started = StartCall(context);
  common::RequestIdScope request_scope(started.request_id);
  std::string resource = LoggableParentCase(*request);
  cases_.CreateCase(*request, [this, reactor, response, resource,
                               started](absl::StatusOr<StoredCaseResult> r) {
    if (r.ok() && r->created) metrics_.CaseStored();
    if (r.ok()) *response = std::move(r->stored);
    FinishCall(reactor, "CreateCase", resource, r.status(), started);
  });
  return reactor;
}

grpc::ServerReadReactor<v1::BatchCreateCasesRequest>*
IntakeService::BatchCreateCases(grpc::CallbackServerContext* context,
                                v1::BatchCreateCasesResponse* response) {
  BatchCreateReactor::Admission admit;
  if (case_admission_) {
    admit = [admission = case_admission_,
             context](const v1::CreateCaseRequest& request) {
      return admission(context, request);
    };
  }
  return new BatchCreateReactor(cases_, metrics_, StartCall(context), response,
                                std::move(admit));
}

grpc::ServerUnaryReactor* IntakeService::GetCase(
    grpc::CallbackServerContext* context, const v1::GetCaseRequest* request,
    v1::Case* response) {
  auto* reactor = context->DefaultReactor();
  const common::CallStart started = StartCall(context);
  common::RequestIdScope request_scope(started.request_id);
  FinishWith(reactor, "GetCase", LoggableCaseName(request->name()),
             cases_.GetCase(*request), response, started);
  return reactor;
}

grpc::ServerUnaryReactor* IntakeService::ListCases(
    grpc::CallbackServerContext* context, const v1::ListCasesRequest* request,
    v1::ListCasesResponse* response) {
  auto* reactor = context->DefaultReactor();
  const common::CallStart started = StartCall(context);
  common::RequestIdScope request_scope(started.request_id);
  std::string resource =
      common::ParseYotName(request->parent(), true) ? request->parent() : "-";
  FinishWith(reactor, "ListCases", resource, cases_.ListCases(*request),
             response, started);
  return reactor;
}

grpc::ServerUnaryReactor* IntakeService::UpdateCase(
    grpc::CallbackServerContext* context, const v1::UpdateCaseRequest* request,
    v1::Case* response) {
  auto* reactor = context->DefaultReactor();
  const common::CallStart started = StartCall(context);
  common::RequestIdScope request_scope(started.request_id);
  std::string resource = LoggableCaseName(request->case_().name());
  cases_.UpdateCase(*request, [this, reactor, response, resource,
                               started](absl::StatusOr<v1::Case> r) {
    if (r.ok()) metrics_.CaseStored();
    FinishWith(reactor, "UpdateCase", resource, std::move(r), response,
               started);
  });
  return reactor;
}

grpc::ServerUnaryReactor* IntakeService::DeleteCase(
    grpc::CallbackServerContext* context, const v1::DeleteCaseRequest* request,
    google::protobuf::Empty* /*response*/) {
  auto* reactor = context->DefaultReactor();
  const common::CallStart started = StartCall(context);
  common::RequestIdScope request_scope(started.request_id);
  std::string resource = LoggableCaseName(request->name());
  cases_.DeleteCase(*request, [reactor, resource, started](absl::Status s) {
    FinishCall(reactor, "DeleteCase", resource, s, started);
  });
  return reactor;
}

grpc::ServerUnaryReactor* IntakeService::CreateInspection(
    grpc::CallbackServerContext* context,
    const v1::CreateInspectionRequest* request, v1::Inspection* response) {
  auto* reactor = context->DefaultReactor();
  const common::CallStart started = StartCall(context);
  common::RequestIdScope request_scope(started.request_id);
  inspections_.CreateInspection(
      *request, ActorOf(context),
      [reactor, response, started](absl::StatusOr<v1::Inspection> r) {
        std::string resource = r.ok() ? r->name() : "-";
        FinishWith(reactor, "CreateInspection", resource, std::move(r),
                   response, started);
      });
  return reactor;
}

grpc::ServerUnaryReactor* IntakeService::GetInspection(
    grpc::CallbackServerContext* context,
    const v1::GetInspectionRequest* request, v1::Inspection* response) {
  auto* reactor = context->DefaultReactor();
  const common::CallStart started = StartCall(context);
  common::RequestIdScope request_scope(started.request_id);
  std::string resource =
      common::ParseInspectionName(request->name()) ? request->name() : "-";
  FinishWith(reactor, "GetInspection", resource,
             inspections_.GetInspection(*request), response, started);
  return reactor;
}

grpc::ServerUnaryReactor* IntakeService::ListInspections(
    grpc::CallbackServerContext* context,
    const v1::ListInspectionsRequest* request,
    v1::ListInspectionsResponse* response) {
  auto* reactor = context->DefaultReactor();
  const common::CallStart started = StartCall(context);
  common::RequestIdScope request_scope(started.request_id);
  FinishWith(reactor, "ListInspections", "inspections",
             inspections_.ListInspections(*request), response, started);
  return reactor;
}

namespace {

// The callback that finishes an inspection-changing call.
std::function<void(absl::StatusOr<v1::Inspection>)> FinishInspection(
    grpc::ServerUnaryReactor* reactor, const char* method,
    const std::string& name, v1::Inspection* response,
    const common::CallStart& started) {
  std::string resource = common::ParseInspectionName(name) ? name : "-";
  return [reactor, method, resource, response,
          started](absl::StatusOr<v1::Inspection> r) {
    FinishWith(reactor, method, resource, std::move(r), response, started);
  };
}

}  // namespace

grpc::ServerUnaryReactor* IntakeService::DrawSample(
    grpc::CallbackServerContext* context, const v1::DrawSampleRequest* request,
    v1::Inspection* response) {
  auto* reactor = context->DefaultReactor();
  const common::CallStart started = StartCall(context);
  common::RequestIdScope request_scope(started.request_id);
  sampling_.DrawSample(*request, ActorOf(context),
                       FinishInspection(reactor, "DrawSample", request->name(),
                                        response, started));
  return reactor;
}

grpc::ServerUnaryReactor* IntakeService::ResetSample(
    grpc::CallbackServerContext* context, const v1::ResetSampleRequest* request,
    v1::Inspection* response) {
  auto* reactor = context->DefaultReactor();
  const common::CallStart started = StartCall(context);
  common::RequestIdScope request_scope(started.request_id);
  sampling_.ResetSample(*request, ActorOf(context),
                        FinishInspection(reactor, "ResetSample",
                                         request->name(), response, started));
  return reactor;
}

grpc::ServerUnaryReactor* IntakeService::StartFieldwork(
    grpc::CallbackServerContext* context,
    const v1::StartFieldworkRequest* request, v1::Inspection* response) {
  auto* reactor = context->DefaultReactor();
  const common::CallStart started = StartCall(context);
  common::RequestIdScope request_scope(started.request_id);
  sampling_.StartFieldwork(
      *request, ActorOf(context),
      FinishInspection(reactor, "StartFieldwork", request->name(), response,
                       started));
  return reactor;
}

grpc::ServerUnaryReactor* IntakeService::AdvanceInspection(
    grpc::CallbackServerContext* context,
    const v1::AdvanceInspectionRequest* request, v1::Inspection* response) {
  auto* reactor = context->DefaultReactor();
  const common::CallStart started = StartCall(context);
  common::RequestIdScope request_scope(started.request_id);
  sampling_.Advance(*request, ActorOf(context),
                    FinishInspection(reactor, "AdvanceInspection",
                                     request->name(), response, started));
  return reactor;
}

grpc::ServerWriteReactor<v1::StreamSampledCasesResponse>*
IntakeService::StreamSampledCases(
    grpc::CallbackServerContext* context,
    const v1::StreamSampledCasesRequest* request) {
  const common::CallStart started = StartCall(context);
  common::LogEvent(spdlog::level::info, "StreamSampledCases started",
                   common::LogFields()
                       .Add("service", metrics_.service().service())
                       .Add("method", "StreamSampledCases")
                       .Add("after_sequence", request->after_sequence())
                       .Add("request_id", started.request_id));
  return new SampledCaseStream(store_, feed_, request->after_sequence(),
                               metrics_, started);
}

}  // namespace yjinspect::intake
