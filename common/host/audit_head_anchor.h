#pragma once

// Notes where a service's audit trail ends outside its store. The hash
// chain shows a record edited, removed or moved inside the trail, but a
// trail whose newest records were deleted is still a valid chain. Someone
// who can rewrite the store cannot rewrite what was already shipped
// elsewhere, so the head goes out three ways:
//   - a JSON log line ("audit trail head", with sequence and hash) every
//     `interval` while the trail grows, and once more at shutdown;
//   - the metric yjinspect_audit_head_sequence, read at each scrape;
//   - each backup's metadata (BackupDesk, through HostedStore).
// `yjinspect audit verify --expect-head` checks a trail against any of
// them.

#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "common/audit/audit_chain.h"
#include "common/audit/audit_source.h"
#include "common/telemetry/service_metrics.h"

namespace yjinspect::common {

class AuditHeadAnchor {
 public:
  // Registers the metric with `metrics` (before it serves). `trail` must
  // outlive Stop, or the anchor if it never started.
  AuditHeadAnchor(const AuditSource& trail, ServiceMetrics& metrics,
                  absl::Duration interval);
  // Ends the logging without a last line (a service whose start failed
  // may have no store any more).
  ~AuditHeadAnchor();
  AuditHeadAnchor(const AuditHeadAnchor&) = delete;
  AuditHeadAnchor& operator=(const AuditHeadAnchor&) = delete;

  // Starts logging every `interval` (a zero interval: only at Stop), once
  // the service serves.
  void Start();
  // Ends the periodic logging and, when started, logs the head once more,
  // whether or not it moved: the last line of a clean shutdown names the
  // final head. Call while the store is still open, after the last call
  // was served. Idempotent.
  void Stop();

 private:
  void Run();
  // Ends the thread; true when the anchor had started.
  bool EndThread();
  // Logs the head when it differs from the one logged last (or always).
  void Note(bool always);

  const AuditSource& trail_;
  const absl::Duration interval_;
  absl::Mutex mu_;
  bool started_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  AuditChainHead logged_ ABSL_GUARDED_BY(mu_);
  bool logged_once_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace yjinspect::common
