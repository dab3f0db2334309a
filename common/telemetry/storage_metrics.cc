#include "common/telemetry/storage_metrics.h"

#include <memory>
#include <utility>

#include "prometheus/counter.h"
#include "prometheus/gauge.h"

namespace yjinspect::common {

void ExportStorageFigures(ServiceMetrics& metrics,
                          std::function<StorageFigures()> read) {
  prometheus::Gauge& sst = metrics.ScrapedGauge("yjinspect_store_sst_bytes",
                                                "Bytes of RocksDB table files");
  prometheus::Gauge& memtable = metrics.ScrapedGauge(
      "yjinspect_store_memtable_bytes", "Bytes of RocksDB memtables");
  prometheus::Gauge& wal = metrics.ScrapedGauge(
      "yjinspect_store_wal_bytes", "Bytes of RocksDB write-ahead logs");
  prometheus::Gauge& stopped = metrics.ScrapedGauge(
      "yjinspect_store_write_stopped", "1 while RocksDB has stopped writes");
  prometheus::Gauge& refused = metrics.ScrapedGauge(
      "yjinspect_store_writes_refused",
      "1 while the store refuses every write (a full disk, a failed sync); "
      "see the log and the yjinspect.store health status");
  prometheus::Gauge& delayed = metrics.ScrapedGauge(
      "yjinspect_store_delayed_write_rate",
      "Bytes/s RocksDB slows writes to while stalling, 0 if not");
  prometheus::Counter& stall_seconds =
      prometheus::BuildCounter()
          .Name("yjinspect_store_write_stall_seconds_total")
          .Help("Time writers spent stalled by RocksDB")
          .Register(metrics.scraped())
          .Add({});
  // The counter moves by what the statistics gained since the last scrape
  // (refreshers run one at a time, under the scrape's lock).
  auto last_stall_micros = std::make_shared<uint64_t>(0);
  metrics.OnScrape([=, &sst, &memtable, &wal, &stopped, &refused, &delayed,
                    &stall_seconds, read = std::move(read)] {
    const StorageFigures figures = read();
    sst.Set(static_cast<double>(figures.sst_bytes));
    memtable.Set(static_cast<double>(figures.memtable_bytes));
    wal.Set(static_cast<double>(figures.wal_bytes));
    stopped.Set(figures.write_stopped ? 1 : 0);
    refused.Set(figures.writes_refused.empty() ? 0 : 1);
    delayed.Set(static_cast<double>(figures.delayed_write_rate));
    if (figures.stall_micros > *last_stall_micros) {
      stall_seconds.Increment(
          static_cast<double>(figures.stall_micros - *last_stall_micros) / 1e6);
      *last_stall_micros = figures.stall_micros;
    }
  });
}

}  // namespace yjinspect::common
