#pragma once

// BatchCreateCases: a client-streaming reactor that reads one chunk, stores
// it with one durable write, and only then reads the next, so a fast client
// is held back by the store instead of filling the server's memory.

#include <functional>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "common/rpc/rpc_edge.h"
#include "grpcpp/support/server_callback.h"
#include "services/intake/case_intake.h"
#include "services/intake/intake_metrics.h"
#include "yjinspect/v1/intake_service.pb.h"

namespace yjinspect::intake {

class BatchCreateReactor final
    : public grpc::ServerReadReactor<v1::BatchCreateCasesRequest> {
 public:
  // Checked for every case of a chunk before any of it is stored: the first
  // refusal ends the stream with it (chunks before stay stored).
  using Admission = std::function<absl::Status(const v1::CreateCaseRequest&)>;

  // `started` is the call's start (its request id goes on every case the
  // load stores); created cases are counted in `metrics`.
  BatchCreateReactor(CaseIntake& cases, IntakeMetrics& metrics,
                     common::CallStart started,
                     v1::BatchCreateCasesResponse* response,
                     Admission admit = nullptr);

  // Keeps `place` (a CallLimit's) until the call is done.
  void Hold(std::shared_ptr<void> place) { place_ = std::move(place); }

  void OnReadDone(bool ok) override;
  void OnDone() override { delete this; }

 private:
  // Appends one result per request of the chunk, then reads the next chunk.
  void OnChunkStored(std::vector<std::string> names,
                     std::vector<absl::StatusOr<StoredCaseResult>> results);
  void FinishStream(const absl::Status& status);

  CaseIntake& cases_;
  IntakeMetrics& metrics_;
  std::shared_ptr<void> place_;
  const common::CallStart started_;
  v1::BatchCreateCasesResponse* response_;
  Admission admit_;
  v1::BatchCreateCasesRequest chunk_;
  int64_t next_index_ = 0;
};

}  // namespace yjinspect::intake
