#pragma once

// A store's size and write stalls as Prometheus figures, read at each
// scrape: yjinspect_store_{sst,memtable,wal}_bytes,
// yjinspect_store_write_stopped, yjinspect_store_delayed_write_rate and
// yjinspect_store_write_stall_seconds_total.

#include <functional>

#include "common/storage/storage_figures.h"
#include "common/telemetry/service_metrics.h"

namespace yjinspect::common {

// Registers the store gauges with `metrics`, refreshed from `read` at each
// scrape. `read` must stay callable until metrics stop being served.
void ExportStorageFigures(ServiceMetrics& metrics,
                          std::function<StorageFigures()> read);

}  // namespace yjinspect::common
