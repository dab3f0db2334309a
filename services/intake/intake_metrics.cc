#include "services/intake/intake_metrics.h"

#include "common/change_kind.h"
#include "common/telemetry/storage_metrics.h"

namespace yjinspect::intake {
IntakeMetrics::IntakeMetrics(common::ServiceMetrics& metrics,
                             const IntakeStore& store)
    : metrics_(metrics),
      cases_stored_(
          prometheus::BuildCounter()
              .Name("yjinspect_intake_cases_stored_total")
              .Help("Cases stored, once durable: created by CreateCase or "
                    "BatchCreateCases, or updated by UpdateCase")
              .Register(metrics.registry())
              .Add({})),
      victim_cases_stored_(
          prometheus::BuildCounter()
              .Name("yjinspect_intake_victim_cases_stored_total")
              .Help("Victims' cases stored, once durable: created by "
                    "CreateVictimCase or BatchCreateVictimCases, or updated "
                    "by UpdateVictimCase")
              .Register(metrics.registry())
              .Add({})),
      delivered_(prometheus::BuildCounter()
                     .Name("yjinspect_intake_changes_delivered_total")
                     .Help("Changes written to followers' StreamSampledCases "
                           "by kind (case_sampled: sampled cases delivered)")
                     .Register(metrics.registry())) {
  prometheus::Gauge& head =
      metrics.ScrapedGauge("yjinspect_intake_change_log_head",
                           "Sequence number of the last durable change");
  metrics.OnScrape(
      [&head, &store] { head.Set(static_cast<double>(store.HeadSequence())); });
  common::ExportStorageFigures(metrics, [&store] { return store.Figures(); });
}

void IntakeMetrics::ChangeDelivered(const v1::Change& change) {
  delivered_.Add({{"kind", common::ChangeKindName(change)}}).Increment();
}

}  // namespace yjinspect::intake
