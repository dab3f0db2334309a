#include "common/rpc/rpc_edge.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/request_id.h"
#include "common/rpc/caller.h"
#include "common/telemetry/service_metrics.h"

namespace yjinspect::common {

CallStart StartCall(grpc::CallbackServerContext* context,
                    ServiceMetrics* metrics) {
  CallStart call;
  call.time = absl::Now();
  call.metrics = metrics;
  call.request_id = CallerOf(context).request_id;
  if (call.request_id.empty()) call.request_id = NewRequestId();
  call.context = context;
  return call;
}

void TellRequestId(const CallStart& call, bool ok) {
  if (call.context == nullptr) return;
  if (ok) {
    call.context->AddInitialMetadata("x-request-id", call.request_id);
  } else {
    call.context->AddTrailingMetadata("x-request-id", call.request_id);
  }
}

void LogCall(absl::string_view method, absl::string_view resource,
             const absl::Status& status, const CallStart& call) {
  const absl::Duration duration = absl::Now() - call.time;
  const std::string code = absl::StatusCodeToString(status.code());
  if (call.metrics != nullptr) {
    call.metrics->RecordCall(method, code, absl::ToDoubleSeconds(duration));
  }
  // Server-side faults are errors, refusals are worth a line, and successes
  // only when debugging (a bulk load makes thousands).
  const bool fault = status.code() == absl::StatusCode::kInternal ||
                     status.code() == absl::StatusCode::kDataLoss ||
                     status.code() == absl::StatusCode::kUnknown;
  auto level = fault         ? spdlog::level::err
               : status.ok() ? spdlog::level::debug
                             : spdlog::level::info;
  LogFields fields;
  if (call.metrics != nullptr) fields.Add("service", call.metrics->service());
  fields.Add("method", method)
      .Add("resource", resource)
      .Add("code", code)
      .Add("duration_ms", absl::ToDoubleMilliseconds(duration))
      .Add("request_id", call.request_id);
  LogEvent(level, absl::StrCat(method, " ", code), fields);
}

}  // namespace yjinspect::common
