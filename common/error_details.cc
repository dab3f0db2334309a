#include "common/error_details.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/error_reasons.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/rpc/error_details.pb.h"

namespace yjinspect::common {
namespace {

// `message` under its type URL, as FieldViolations::ToStatus adds its
// BadRequest. Serialized deterministically: a map (ErrorInfo's metadata)
// otherwise comes out in any order, and two refusals that must look alike
// (a resource that exists and one that does not) would differ on the wire.
void AddDetail(absl::Status& status, absl::string_view type_url,
               const google::protobuf::Message& message) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    message.SerializeToCodedStream(&coded);
  }
  status.SetPayload(type_url, absl::Cord(std::move(bytes)));
}

absl::Status Refusal(absl::StatusCode code, absl::string_view reason,
                     absl::string_view message, const ErrorMetadata& metadata) {
  return WithErrorInfo(absl::Status(code, message), reason, metadata);
}

}  // namespace

absl::Status WithErrorInfo(absl::Status status, absl::string_view reason,
                           const ErrorMetadata& metadata) {
  if (status.ok()) return status;
  google::rpc::ErrorInfo info;
  info.set_reason(std::string(reason));
  info.set_domain(std::string(kErrorDomain));
  for (const auto& [key, value] : metadata) {
    (*info.mutable_metadata())[key] = value;
  }
  AddDetail(status, kErrorInfoTypeUrl, info);
  return status;
}

absl::Status FailedPrecondition(absl::string_view reason,
                                const Precondition& violated,
                                absl::string_view message,
                                const ErrorMetadata& metadata) {
  absl::Status status =
      Refusal(absl::StatusCode::kFailedPrecondition, reason, message, metadata);
  google::rpc::PreconditionFailure failure;
  auto* violation = failure.add_violations();
  violation->set_type(std::string(violated.type));
  violation->set_subject(violated.subject);
  violation->set_description(std::string(message));
  AddDetail(status, kPreconditionFailureTypeUrl, failure);
  return status;
}

absl::Status Aborted(absl::string_view reason, absl::string_view message,
                     const ErrorMetadata& metadata) {
  return Refusal(absl::StatusCode::kAborted, reason, message, metadata);
}

absl::Status AlreadyExists(absl::string_view reason, absl::string_view message,
                           const ErrorMetadata& metadata) {
  return Refusal(absl::StatusCode::kAlreadyExists, reason, message, metadata);
}

absl::Status PermissionDenied(absl::string_view reason,
                              absl::string_view message,
                              const ErrorMetadata& metadata) {
  return Refusal(absl::StatusCode::kPermissionDenied, reason, message,
                 metadata);
}

absl::Status Prefixed(absl::string_view prefix, const absl::Status& status) {
  if (status.ok()) return status;
  absl::Status out(status.code(), absl::StrCat(prefix, status.message()));
  status.ForEachPayload(
      [&out](absl::string_view type_url, const absl::Cord& payload) {
        out.SetPayload(type_url, payload);
      });
  return out;
}

absl::Status UnauditedCall(const absl::Status& audit_write) {
  const std::string message = absl::StrCat(
      "the call could not be recorded in the audit trail, so "
      "nothing was read or answered (",
      audit_write.message(), ")");
  if (audit_write.code() == absl::StatusCode::kResourceExhausted) {
    return WithErrorInfo(absl::ResourceExhaustedError(message),
                         kAuditNotRecorded);
  }
  return WithErrorInfo(absl::UnavailableError(absl::StrCat(message, "; retry")),
                       kAuditNotRecorded);
}

absl::Status EtagMismatch(absl::string_view resource,
                          absl::string_view message) {
  return Aborted(kEtagMismatch, message, {{"resource", std::string(resource)}});
}

std::optional<ErrorInfo> ErrorInfoOf(const absl::Status& status) {
  auto info = PayloadOf<google::rpc::ErrorInfo>(status, kErrorInfoTypeUrl);
  if (!info.has_value()) return std::nullopt;
  ErrorInfo out{info->reason(), info->domain(), {}};
  for (const auto& [key, value] : info->metadata()) out.metadata[key] = value;
  return out;
}

std::vector<PreconditionViolation> PreconditionViolationsOf(
    const absl::Status& status) {
  std::vector<PreconditionViolation> out;
  auto failure = PayloadOf<google::rpc::PreconditionFailure>(
      status, kPreconditionFailureTypeUrl);
  if (!failure.has_value()) return out;
  for (const auto& v : failure->violations()) {
    out.push_back({v.type(), v.subject(), v.description()});
  }
  return out;
}

}  // namespace yjinspect::common
