#pragma once

// What intake's gRPC adapter does alike for every call that reads records a
// YOT submitted (cases, victims' cases) or stores a bulk of them: answers a
// read once its audit record is durable, and turns a bulk's outcomes into
// its per-record results.

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "common/audit/audit_chain.h"
#include "common/rpc/grpc_status.h"
#include "common/rpc/rpc_edge.h"
#include "services/intake/audit_records.h"
#include "services/intake/storage/intake_store.h"
#include "services/intake/stored_records.h"
#include "yjinspect/v1/inspection.pb.h"
#include "yjinspect/v1/intake_service.pb.h"

namespace yjinspect::intake {

// Answers a read only once its audit record is durable: no audit record,
// no content.
template <typename T>
void FinishAudited(IntakeStore& store, const common::UnaryCall& call,
                   const std::string& resource, common::AuditEvent event,
                   absl::StatusOr<T> result, T* response) {
  absl::Status outcome = result.status();
  auto shared = std::make_shared<absl::StatusOr<T>>(std::move(result));
  RecordAudit(store, std::move(event), outcome,
              [call, resource, shared, response](const absl::Status& audited) {
                if (!audited.ok()) *shared = UnauditedCall(audited);
                call.FinishWith(resource, std::move(*shared), response);
              });
}

// What answers an inspection step once its audit record is durable: an
// outcome of `event`, passed on to `finish` (UNAVAILABLE if the record could
// not be written).
inline std::function<void(absl::StatusOr<v1::Inspection>)> AuditedStep(
    IntakeStore& store, common::AuditEvent event,
    std::function<void(absl::StatusOr<v1::Inspection>)> finish) {
  return [&store, event = std::move(event),
          finish = std::move(finish)](absl::StatusOr<v1::Inspection> r) {
    auto shared =
        std::make_shared<absl::StatusOr<v1::Inspection>>(std::move(r));
    RecordAudit(store, event, shared->status(),
                [shared, finish](const absl::Status& audited) {
                  if (!audited.ok()) *shared = UnauditedCall(audited);
                  finish(std::move(*shared));
                });
  };
}

// Appends one BatchCreateCaseResult per outcome to `response` (a
// BatchCreateCasesResponse or BatchCreateVictimCasesResponse), indexed from
// `*next_index` on, with `names[i]` the name of the i-th record ("" when
// its request did not name one), and counts them; returns how many records
// were newly created.
template <typename Response, typename Resource>
int64_t AppendBatchResults(
    const std::vector<std::string>& names,
    const std::vector<absl::StatusOr<StoredRecord<Resource>>>& results,
    int64_t* next_index, Response* response) {
  int64_t created = 0;
  for (size_t i = 0; i < results.size(); ++i) {
    v1::BatchCreateCaseResult* out = response->add_results();
    out->set_index((*next_index)++);
    out->set_name(names[i]);
    if (results[i].ok()) {
      out->set_created(results[i]->created);
      if (results[i]->created) {
        ++created;
        response->set_created_count(response->created_count() + 1);
      } else {
        response->set_unchanged_count(response->unchanged_count() + 1);
      }
    } else {
      *out->mutable_status() =
          common::ToRpcStatus(common::EnsureErrorInfo(results[i].status()));
      response->set_failed_count(response->failed_count() + 1);
    }
  }
  return created;
}

}  // namespace yjinspect::intake
