#pragma once

// The findings service's own Prometheus figures, beside the RPC counts every
// service has: changes applied from intake's stream by kind, and, read at
// each scrape, the stream's cursor, intake's head, the lag between them and
// the store's size.

#include "common/telemetry/service_metrics.h"
#include "services/findings/intake_feed.h"
#include "services/findings/storage/findings_store.h"
#include "yjinspect/v1/change.pb.h"

namespace yjinspect::findings {

class FindingsMetrics {
 public:
  // Registers the figures with `metrics`; scrapes read `store` and `feed`,
  // which must outlive the serving of metrics.
  FindingsMetrics(common::ServiceMetrics& metrics, const FindingsStore& store,
                  const IntakeFeed& feed);

  common::ServiceMetrics& service() { return metrics_; }

  // `change` from intake's stream is now in the store (checkpoints too).
  void ChangeApplied(const v1::Change& change);

 private:
  common::ServiceMetrics& metrics_;
  prometheus::Family<prometheus::Counter>& applied_;
};

}  // namespace yjinspect::findings
