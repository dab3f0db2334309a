#include "common/rpc/grpc_status.h"

#include <string>
#include <utility>

#include "common/error_details.h"
#include "common/error_reasons.h"

namespace yjinspect::common {

google::rpc::Status ToRpcStatus(const absl::Status& status) {
  google::rpc::Status out;
  out.set_code(static_cast<int>(status.code()));
  out.set_message(std::string(status.message()));
  status.ForEachPayload(
      [&out](absl::string_view type_url, const absl::Cord& payload) {
        auto* detail = out.add_details();
        detail->set_type_url(std::string(type_url));
        detail->set_value(std::string(payload));
      });
  return out;
}

absl::Status FromRpcStatus(const google::rpc::Status& status) {
  if (status.code() == 0) return absl::OkStatus();
  absl::Status out(static_cast<absl::StatusCode>(status.code()),
                   status.message());
  for (const auto& detail : status.details()) {
    out.SetPayload(detail.type_url(), absl::Cord(detail.value()));
  }
  return out;
}

absl::Status EnsureErrorInfo(absl::Status status) {
  switch (status.code()) {
    case absl::StatusCode::kAborted:
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kPermissionDenied:
      if (status.GetPayload(kErrorInfoTypeUrl).has_value()) return status;
      return WithErrorInfo(std::move(status), kUnclassified);
    default:
      return status;
  }
}

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  const absl::Status sent = EnsureErrorInfo(status);
  std::string details;
  bool has_details = false;
  sent.ForEachPayload([&has_details](absl::string_view, const absl::Cord&) {
    has_details = true;
  });
  if (has_details) details = ToRpcStatus(sent).SerializeAsString();
  return grpc::Status(static_cast<grpc::StatusCode>(sent.code()),
                      std::string(sent.message()), details);
}

absl::Status FromGrpcStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  google::rpc::Status rich;
  if (!status.error_details().empty() &&
      rich.ParseFromString(status.error_details())) {
    rich.set_code(status.error_code());
    rich.set_message(status.error_message());
    return FromRpcStatus(rich);
  }
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      status.error_message());
}

}  // namespace yjinspect::common
