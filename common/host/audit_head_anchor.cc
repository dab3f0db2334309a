#include "common/host/audit_head_anchor.h"

#include "common/telemetry/logging.h"
#include "spdlog/spdlog.h"

namespace yjinspect::common {

AuditHeadAnchor::AuditHeadAnchor(const AuditSource& trail,
                                 ServiceMetrics& metrics,
                                 absl::Duration interval)
    : trail_(trail), interval_(interval) {
  prometheus::Gauge& sequence = metrics.ScrapedGauge(
      "yjinspect_audit_head_sequence",
      "Sequence of the last audit record; a trail verified later must "
      "reach it");
  // Read at each scrape, so a monitoring system's history holds every
  // head it saw (metrics stop serving before the store closes).
  metrics.OnScrape([this, &sequence] {
    absl::StatusOr<AuditChainHead> head = trail_.ReadAuditHead();
    if (head.ok()) sequence.Set(static_cast<double>(head->sequence));
  });
}

AuditHeadAnchor::~AuditHeadAnchor() { EndThread(); }

void AuditHeadAnchor::Start() {
  absl::MutexLock lock(&mu_);
  if (started_ || stopping_) return;
  started_ = true;
  if (interval_ > absl::ZeroDuration()) {
    thread_ = std::thread([this] { Run(); });
  }
}

bool AuditHeadAnchor::EndThread() {
  bool started = false;
  {
    absl::MutexLock lock(&mu_);
    if (stopping_) return false;
    stopping_ = true;
    started = started_;
  }
  if (thread_.joinable()) thread_.join();
  return started;
}

void AuditHeadAnchor::Stop() {
  if (EndThread()) Note(/*always=*/true);
}

void AuditHeadAnchor::Run() {
  absl::MutexLock lock(&mu_);
  while (!mu_.AwaitWithTimeout(absl::Condition(&stopping_), interval_)) {
    mu_.Unlock();
    Note(/*always=*/false);
    mu_.Lock();
  }
}

void AuditHeadAnchor::Note(bool always) {
  absl::StatusOr<AuditChainHead> head = trail_.ReadAuditHead();
  if (!head.ok()) {
    spdlog::warn("cannot read the audit trail head: {}",
                 head.status().ToString());
    return;
  }
  {
    absl::MutexLock lock(&mu_);
    if (!always && logged_once_ && logged_.sequence == head->sequence &&
        logged_.hash == head->hash) {
      return;
    }
    logged_ = *head;
    logged_once_ = true;
  }
  LogEvent(spdlog::level::info, "audit trail head",
           LogFields()
               .Add("audit_head", AuditHeadText(*head))
               .Add("audit_head_sequence", head->sequence));
}

}  // namespace yjinspect::common
