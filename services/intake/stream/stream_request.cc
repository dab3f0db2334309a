#include "services/intake/stream/stream_request.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace yjinspect::intake {

common::FieldViolations ValidateStreamSampledCasesRequest(
    const v1::StreamSampledCasesRequest& request) {
  common::FieldViolations v;
  if (request.max_changes_per_message() > kMaxChangesPerMessage) {
    v.Add("max_changes_per_message",
          absl::StrCat("at most ", kMaxChangesPerMessage,
                       " changes per response; got ",
                       request.max_changes_per_message()));
  }
  return v;
}

size_t ChangesPerMessage(const v1::StreamSampledCasesRequest& request) {
  return std::max<size_t>(1, request.max_changes_per_message());
}

}  // namespace yjinspect::intake
