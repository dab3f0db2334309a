#pragma once

// What a StreamSampledCases request asks of the stream: where to start, and
// how many changes one response may carry (the batched form, added after
// the first version of the stream, which carried one change per response).

#include <cstddef>
#include <cstdint>

#include "common/field_violations.h"
#include "yjinspect/v1/intake_service.pb.h"

namespace yjinspect::intake {

// The most changes one response may carry when a client asks for more.
inline constexpr uint32_t kMaxChangesPerMessage = 1000;
// A response is closed once its changes reach this many bytes, well under
// gRPC's default 4 MiB receive limit, so one large change never pushes a
// full batch over it.
inline constexpr size_t kMaxBatchBytes = 1 << 20;

common::FieldViolations ValidateStreamSampledCasesRequest(
    const v1::StreamSampledCasesRequest& request);

// How many changes one response carries: 1 (in `change`) for a client that
// did not ask for more, otherwise what it asked for (in `changes`).
size_t ChangesPerMessage(const v1::StreamSampledCasesRequest& request);

// Whether responses use the repeated `changes` field.
inline bool Batched(const v1::StreamSampledCasesRequest& request) {
  return request.max_changes_per_message() > 1;
}

}  // namespace yjinspect::intake
