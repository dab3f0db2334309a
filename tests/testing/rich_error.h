#pragma once

// What a gRPC client of any language reads from a refusal: the
// google.rpc.Status in grpc-status-details-bin, and in it the ErrorInfo and
// PreconditionFailure details, unpacked by their standard type URLs (no
// yjinspect code in between, so the integration tests see the wire).

#include <optional>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/support/status.h"

namespace yjinspect::testing {

struct RichError {
  std::optional<google::rpc::ErrorInfo> info;
  std::optional<google::rpc::PreconditionFailure> precondition;
};

inline RichError ReadRichError(const grpc::Status& status) {
  RichError out;
  google::rpc::Status rich;
  if (!rich.ParseFromString(status.error_details())) return out;
  for (const auto& detail : rich.details()) {
    if (detail.Is<google::rpc::ErrorInfo>()) {
      detail.UnpackTo(&out.info.emplace());
    } else if (detail.Is<google::rpc::PreconditionFailure>()) {
      detail.UnpackTo(&out.precondition.emplace());
    }
  }
  return out;
}

}  // namespace yjinspect::testing
