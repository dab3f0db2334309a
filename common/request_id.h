#pragma once

// Request ids: one per call, sent by clients as `x-request-id` metadata (or
// made up at the edge when a call carries none), written on every log line of
// the call and on the change-log entries it commits, so one case can be
// followed from intake to findings.
//
// While a handler runs, its request id is the thread's current one
// (RequestIdScope): code that hands work to the intake committer or calls
// another service reads it there instead of threading it through every
// domain signature. Work that continues on another thread carries the id
// with it (the store copies it into each queued mutation).

#include <string>

#include "absl/strings/string_view.h"

namespace yjinspect::common {

// A fresh id: 32 lowercase hex digits from a random 128-bit number.
std::string NewRequestId();

// The request id of the call this thread is serving; empty outside calls.
const std::string& CurrentRequestId();

// Makes `request_id` the thread's current one until destroyed (then the
// previous one again). Not copyable; lives on the stack of one thread.
class RequestIdScope {
 public:
  explicit RequestIdScope(absl::string_view request_id);
  ~RequestIdScope();
  RequestIdScope(const RequestIdScope&) = delete;
  RequestIdScope& operator=(const RequestIdScope&) = delete;

 private:
  std::string previous_;
};

}  // namespace yjinspect::common
