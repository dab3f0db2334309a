#pragma once

// Before the first judgement of an inspection is stored, its sample must be
// fixed at intake (StartFieldwork), so the sample cannot be redrawn under
// recorded findings; and the verdicts of a second-marked inspection are
// agreed at intake only once moderation here is done (AgreeVerdicts). These
// are those calls, behind an interface so the domain code stays free of
// gRPC.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "yjinspect/v1/inspection.pb.h"

namespace grpc {
class ChannelCredentials;
}

namespace yjinspect::findings {

class FieldworkGate {
 public:
  virtual ~FieldworkGate() = default;
  // Asks intake to move `inspection` to FIELDWORK for `sample_revision`.
  // `done` may run on another thread and must not block. The call carries
  // the thread's current request id (common/request_id.h).
  virtual void StartFieldwork(const std::string& inspection,
                              int32_t sample_revision,
                              std::function<void(absl::Status)> done) = 0;
  // Asks intake to agree `inspection`'s verdicts (AdvanceInspection to
  // VERDICTS_AGREED, second_marking_resolved): only once moderation here
  // is done, checked on the copy of the inspection whose etag is `etag`
  // (intake refuses if its inspection has changed since). `actor` (who
  // asked) and `reason` go on the inspection's record of the step.
  virtual void AgreeVerdicts(
      const std::string& inspection, const std::string& etag,
      const std::string& reason, const std::string& actor,
      std::function<void(absl::StatusOr<v1::Inspection>)> done) = 0;
};

// The gate over gRPC to the intake service at `address`, with
// `credentials` (null: plaintext).
std::unique_ptr<FieldworkGate> NewIntakeFieldworkGate(
    const std::string& address,
    const std::shared_ptr<grpc::ChannelCredentials>& credentials = nullptr);

}  // namespace yjinspect::findings
