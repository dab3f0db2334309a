#include "cli/action_plan_run.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "cli/client/rpc_client.h"
#include "cli/inspection_run.h"
#include "common/error_details.h"
#include "common/resource_names.h"
#include "common/rpc/grpc_status.h"
#include "common/status_macros.h"

namespace yjinspect::cli {
namespace {

// `status` as a Status whose message starts with `what`, every detail kept.
absl::Status Named(const grpc::Status& status, absl::string_view what) {
  if (status.ok()) return absl::OkStatus();
  return common::Prefixed(absl::StrCat(what, ": "),
                          common::FromGrpcStatus(status));
}

absl::StatusOr<v1::Inspection> ReadInspection(
    v1::CaseIntake::StubInterface& intake, const std::string& name) {
  v1::GetInspectionRequest get;
  get.set_name(name);
  v1::Inspection inspection;
  RETURN_IF_ERROR(
      Named(intake.GetInspection(Deadline().get(), get, &inspection),
            "reading the inspection"));
  return inspection;
}

}  // namespace

absl::Status PublishReport(v1::CaseIntake::StubInterface& intake,
                           v1::Findings::StubInterface& findings,
                           const std::string& name) {
  ASSIGN_OR_RETURN(v1::Inspection inspection, ReadInspection(intake, name));
  // The findings service agrees the verdicts: it checks moderation first,
  // on its copy of the inspection. ABORTED while that copy lags behind
  // intake's (it follows intake's stream): retried for a while.
  if (inspection.state() < v1::INSPECTION_STATE_VERDICTS_AGREED) {
    v1::AgreeVerdictsRequest agree;
    agree.set_inspection(name);
    const absl::Time give_up = absl::Now() + absl::Seconds(30);
    while (true) {
      grpc::Status agreed =
          findings.AgreeVerdicts(Deadline().get(), agree, &inspection);
      if (agreed.error_code() != grpc::StatusCode::ABORTED ||
          absl::Now() >= give_up) {
        RETURN_IF_ERROR(Named(agreed, "agreeing the verdicts"));
        break;
      }
      absl::SleepFor(absl::Milliseconds(100));
    }
  }
  if (inspection.state() < v1::INSPECTION_STATE_REPORT_PUBLISHED) {
    v1::AdvanceInspectionRequest advance;
    advance.set_name(name);
    advance.set_state(v1::INSPECTION_STATE_REPORT_PUBLISHED);
    RETURN_IF_ERROR(
        Named(intake.AdvanceInspection(Deadline().get(), advance, &inspection),
              "advancing to INSPECTION_STATE_REPORT_PUBLISHED"));
  }
  return absl::OkStatus();
}

absl::Status AwaitPublication(v1::Findings::StubInterface& findings,
                              const std::string& name, absl::Duration wait) {
  const absl::Time give_up = absl::Now() + wait;
  v1::GetInspectionProgressRequest request;
  request.set_inspection(name);
  while (true) {
    v1::InspectionProgress progress;
    grpc::Status status = findings.GetInspectionProgress(
        Deadline(absl::Seconds(5)).get(), request, &progress);
    if (status.ok() &&
        progress.state() == v1::INSPECTION_STATE_REPORT_PUBLISHED) {
      return absl::OkStatus();
    }
    if (absl::Now() >= give_up) {
      return absl::DeadlineExceededError(absl::StrCat(
          "waiting for the findings service to hold the publication of ", name,
          ": ",
          status.ok() ? absl::StrCat("it holds the inspection as ",
                                     v1::InspectionState_Name(progress.state()))
                      : status.error_message()));
    }
    absl::SleepFor(absl::Milliseconds(100));
  }
}

v1::RecordActionRequest ActionOfRun(v1::RecordActionRequest request,
                                    const std::string& name) {
  request.set_inspection(name);
  if (!absl::StrContains(request.recommendation(), '/')) {
    if (auto id = common::ParseInspectionName(name)) {
      request.set_recommendation(
          common::FormatRecommendationName(*id, request.recommendation()));
    }
  }
  return request;
}

absl::StatusOr<v1::Action> RecordActionAsRead(
    v1::Findings::StubInterface& findings, v1::RecordActionRequest request) {
  v1::GetActionRequest get;
  // A malformed name is left for the service to refuse (with its field
  // violation).
  if (auto recommendation =
          common::ParseRecommendationName(request.recommendation())) {
    get.set_name(
        common::FormatActionName(*recommendation, request.action_id()));
  }
  v1::Action current;
  if (findings.GetAction(Deadline().get(), get, &current).ok()) {
    request.set_etag(current.etag());
  } else {
    request.clear_etag();
  }
  v1::Action stored;
  RETURN_IF_ERROR(
      Named(findings.RecordAction(Deadline().get(), request, &stored),
            absl::StrCat("recording action ", request.action_id(), " of ",
                         request.recommendation())));
  return stored;
}

absl::StatusOr<std::pair<std::string, std::string>> WriteBoardSummary(
    const v1::BoardSummary& summary, const std::string& folder) {
  return WriteMarkdownAndHtml(folder, "board-summary", summary.markdown(),
                              summary.html());
}

}  // namespace yjinspect::cli
