#include "services/intake/batch_create_reactor.h"

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/field_violations.h"
#include "common/request_id.h"
#include "common/resource_names.h"
#include "common/rpc/grpc_status.h"
#include "common/rpc/rpc_edge.h"
#include "services/intake/audited_answers.h"
#include "services/intake/storage/intake_store.h"

namespace yjinspect::intake {

BatchCreateReactor::BatchCreateReactor(CaseIntake& cases,
                                       IntakeMetrics& metrics,
                                       common::CallStart started,
                                       v1::BatchCreateCasesResponse* response,
                                       Admission admit)
    : cases_(cases),
      metrics_(metrics),
      started_(std::move(started)),
      response_(response),
      admit_(std::move(admit)) {
  StartRead(&chunk_);
}

void BatchCreateReactor::OnReadDone(bool ok) {
  if (!ok) {  // the client has sent everything (or went away)
    FinishStream(absl::OkStatus());
    return;
  }
  if (static_cast<size_t>(chunk_.requests_size()) >
      IntakeStore::kMaxBundleSize) {
    common::FieldViolations v;
    v.Add("requests",
          absl::StrCat("a chunk holds at most ", IntakeStore::kMaxBundleSize,
                       " cases; split it"));
    FinishStream(v.ToStatus("BatchCreateCases chunk"));
    return;
  }
  if (admit_) {
    for (const v1::CreateCaseRequest& request : chunk_.requests()) {
      absl::Status admitted = admit_(request);
      if (!admitted.ok()) {
        FinishStream(admitted);
        return;
      }
    }
  }
  std::vector<std::string> names;
  std::vector<v1::CreateCaseRequest> requests;
  names.reserve(static_cast<size_t>(chunk_.requests_size()));
  for (v1::CreateCaseRequest& request : *chunk_.mutable_requests()) {
    bool named = common::ParseYotName(request.parent()).has_value() &&
                 common::IsValidCaseId(request.case_id());
    names.push_back(named ? common::FormatCaseName(request.parent().substr(5),
                                                   request.case_id())
                          : std::string());
    requests.push_back(std::move(request));
  }
  chunk_.Clear();
  // Reactions run on gRPC's threads: the chunk's changes get this call's
  // request id while it is queued.
  common::RequestIdScope request_scope(started_.request_id);
  cases_.CreateCases(
      std::move(requests),
      [this, names = std::move(names)](
          std::vector<absl::StatusOr<StoredCaseResult>> results) mutable {
        OnChunkStored(std::move(names), std::move(results));
      });
}

void BatchCreateReactor::OnChunkStored(
    std::vector<std::string> names,
    std::vector<absl::StatusOr<StoredCaseResult>> results) {
  const int64_t created =
      AppendBatchResults(names, results, &next_index_, response_);
  for (int64_t i = 0; i < created; ++i) metrics_.CaseStored();
  StartRead(&chunk_);
}

void BatchCreateReactor::FinishStream(const absl::Status& status) {
  common::LogCall("BatchCreateCases", "-", status, started_);
  Finish(common::ToGrpcStatus(status));
}

}  // namespace yjinspect::intake
