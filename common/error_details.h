#pragma once

// Google's rich error model for the refusals a program acts on (ABORTED,
// ALREADY_EXISTS, FAILED_PRECONDITION, PERMISSION_DENIED): beside the
// message for a person, the absl::Status carries a google.rpc.ErrorInfo (a
// stable reason from common/error_reasons.h, domain "yjinspect", metadata)
// and, for FAILED_PRECONDITION, a google.rpc.PreconditionFailure naming the
// condition. common/rpc/grpc_status.h puts every payload into the gRPC
// status details, as it does the BadRequest of common/field_violations.h.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace yjinspect::common {

inline constexpr absl::string_view kErrorDomain = "yjinspect";
// Payload keys under which the two details travel inside absl::Status.
inline constexpr absl::string_view kErrorInfoTypeUrl =
    "type.googleapis.com/google.rpc.ErrorInfo";
inline constexpr absl::string_view kPreconditionFailureTypeUrl =
    "type.googleapis.com/google.rpc.PreconditionFailure";

// Facts a program can act on: states, revisions, counts, method and
// resource names. Never case content, nor an identifier that is not a
// resource name: details travel wherever the refusal goes.
using ErrorMetadata = std::map<std::string, std::string>;

// The precondition a FAILED_PRECONDITION names: its kind (kStateViolation,
// kSampleViolation, ... in common/error_reasons.h) and the resource it
// failed on.
struct Precondition {
  absl::string_view type;
  std::string subject;
};

// Each returns the status of its code with `message` as it is, an
// ErrorInfo of `reason` and `metadata`, and (FailedPrecondition) one
// PreconditionFailure violation of `violated` described by `message`.
absl::Status FailedPrecondition(absl::string_view reason,
                                const Precondition& violated,
                                absl::string_view message,
                                const ErrorMetadata& metadata = {});
absl::Status Aborted(absl::string_view reason, absl::string_view message,
                     const ErrorMetadata& metadata = {});
absl::Status AlreadyExists(absl::string_view reason, absl::string_view message,
                           const ErrorMetadata& metadata = {});
absl::Status PermissionDenied(absl::string_view reason,
                              absl::string_view message,
                              const ErrorMetadata& metadata = {});

// `status` with an ErrorInfo of `reason` and `metadata` (replacing any it
// had); an OK status stays OK.
absl::Status WithErrorInfo(absl::Status status, absl::string_view reason,
                           const ErrorMetadata& metadata = {});

// `status` with `prefix` in front of its message, its code and every
// detail kept: a refusal passed on from another service keeps its reason.
absl::Status Prefixed(absl::string_view prefix, const absl::Status& status);

// What a call answers when its audit record could not be written
// (`audit_write`): nothing is read or answered without its record.
// RESOURCE_EXHAUSTED when the store's disk is full (retrying is futile until
// an operator makes room), UNAVAILABLE otherwise; AUDIT_NOT_RECORDED.
absl::Status UnauditedCall(const absl::Status& audit_write);

// ETAG_MISMATCH (ABORTED) about the record named `resource`, which the
// caller should read again.
absl::Status EtagMismatch(absl::string_view resource,
                          absl::string_view message);

// Readers, for tests and clients.

// The message of type `T` that `status` carries under `type_url`; nullopt
// when there is none or it does not parse.
template <typename T>
std::optional<T> PayloadOf(const absl::Status& status,
                           absl::string_view type_url) {
  auto payload = status.GetPayload(type_url);  // an absl::optional
  if (!payload.has_value()) return std::nullopt;
  T message;
  if (!message.ParseFromString(std::string(*payload))) return std::nullopt;
  return message;
}

struct ErrorInfo {
  std::string reason;
  std::string domain;
  ErrorMetadata metadata;
};
struct PreconditionViolation {
  std::string type;
  std::string subject;
  std::string description;
};
// The ErrorInfo `status` carries, or nullopt.
std::optional<ErrorInfo> ErrorInfoOf(const absl::Status& status);
// The PreconditionFailure violations `status` carries, or none.
std::vector<PreconditionViolation> PreconditionViolationsOf(
    const absl::Status& status);

}  // namespace yjinspect::common
