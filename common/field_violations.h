#pragma once

// Collects the field violations of one request and turns them into the
// INVALID_ARGUMENT status of Google's rich error model: the absl::Status
// carries a google.rpc.BadRequest payload, which common/rpc/grpc_status.h puts
// into the gRPC status details.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace yjinspect::common {

// Payload key under which a google.rpc.BadRequest travels inside absl::Status.
inline constexpr absl::string_view kBadRequestTypeUrl =
    "type.googleapis.com/google.rpc.BadRequest";

struct FieldViolation {
  // Path of the field in the request, as AIP-193 spells it:
  // "case.child.age_at_sentence", "case.offences[1].code".
  std::string field;
  // Why it is wrong and what is expected, for a person to act on.
  std::string description;
};

class FieldViolations {
 public:
  void Add(std::string field, std::string description);
  // Adds every violation of `other` with `prefix` in front of its field.
  void AddAll(absl::string_view prefix, const FieldViolations& other);
  bool empty() const { return violations_.empty(); }
  const std::vector<FieldViolation>& violations() const { return violations_; }

  // OK when there are no violations; otherwise INVALID_ARGUMENT whose message
  // names every bad field and whose payload is the BadRequest.
  absl::Status ToStatus(absl::string_view what) const;

 private:
  std::vector<FieldViolation> violations_;
};

// The violations carried by a status made by FieldViolations::ToStatus, or
// none.
std::vector<FieldViolation> ViolationsOf(const absl::Status& status);

}  // namespace yjinspect::common
