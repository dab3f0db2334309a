#include "services/findings/findings_metrics.h"

#include "common/change_kind.h"
#include "common/telemetry/storage_metrics.h"

namespace yjinspect::findings {

FindingsMetrics::FindingsMetrics(common::ServiceMetrics& metrics,
                                 const FindingsStore& store,
                                 const IntakeFeed& feed)
    : metrics_(metrics),
      applied_(prometheus::BuildCounter()
                   .Name("yjinspect_findings_changes_applied_total")
                   .Help("Changes from intake's StreamSampledCases applied "
                         "to the findings store, by kind")
                   .Register(metrics.registry())) {
  prometheus::Gauge& cursor = metrics.ScrapedGauge(
      "yjinspect_findings_stream_cursor",
      "Sequence number of the last intake change the findings store holds");
  prometheus::Gauge& head = metrics.ScrapedGauge(
      "yjinspect_findings_intake_head",
      "Intake's change-log head as last reported by its stream");
  prometheus::Gauge& lag = metrics.ScrapedGauge(
      "yjinspect_findings_stream_lag",
      "Intake head minus the findings cursor: changes not yet applied");
  prometheus::Gauge& connected = metrics.ScrapedGauge(
      "yjinspect_findings_stream_connected", "1 while the stream is open");
  prometheus::Gauge& lag_seconds = metrics.ScrapedGauge(
      "yjinspect_findings_stream_lag_seconds",
      "Seconds since findings was last known to hold every change intake "
      "had; 0 while it does");
  prometheus::Gauge& degraded = metrics.ScrapedGauge(
      "yjinspect_findings_stream_degraded",
      "1 while findings has been behind intake for longer than "
      "--feed_degraded_after_seconds");
  metrics.OnScrape(
      [&cursor, &head, &lag, &connected, &lag_seconds, &degraded, &feed] {
        const v1::FeedStatus status = feed.Status();
        cursor.Set(static_cast<double>(status.cursor()));
        head.Set(static_cast<double>(status.intake_head()));
        lag.Set(static_cast<double>(status.lag()));
        connected.Set(status.connected() ? 1 : 0);
        lag_seconds.Set(status.lag_seconds());
        degraded.Set(status.degraded() ? 1 : 0);
      });
  common::ExportStorageFigures(metrics, [&store] { return store.Figures(); });
}

void FindingsMetrics::ChangeApplied(const v1::Change& change) {
  applied_.Add({{"kind", common::ChangeKindName(change)}}).Increment();
}

}  // namespace yjinspect::findings
