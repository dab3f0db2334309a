#pragma once

// The intake service's own Prometheus figures, beside the RPC counts every
// service has: cases stored, changes delivered to followers by kind, and the
// change-log head and store size read at each scrape.

#include "common/telemetry/service_metrics.h"
#include "services/intake/storage/intake_store.h"
#include "yjinspect/v1/change.pb.h"

namespace yjinspect::intake {

class IntakeMetrics {
 public:
  // Registers the figures with `metrics`; scrapes read `store`, which must
  // stay open while metrics are served.
  IntakeMetrics(common::ServiceMetrics& metrics, const IntakeStore& store);

  common::ServiceMetrics& service() { return metrics_; }

  // A case was created, or updated, durably.
  void CaseStored() { cases_stored_.Increment(); }
  // A victim's case was created, or updated, durably.
  void VictimCaseStored() { victim_cases_stored_.Increment(); }
  // `change` was written to a follower's stream (a checkpoint too).
  void ChangeDelivered(const v1::Change& change);

 private:
  common::ServiceMetrics& metrics_;
  prometheus::Counter& cases_stored_;
  prometheus::Counter& victim_cases_stored_;
  prometheus::Family<prometheus::Counter>& delivered_;
};

}  // namespace yjinspect::intake
