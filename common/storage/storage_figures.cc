#include "common/storage/storage_figures.h"

#include <memory>
#include <utility>

#include "rocksdb/db.h"
#include "rocksdb/statistics.h"
#include "rocksdb/transaction_log.h"

namespace yjinspect::common {

StorageFigures ReadStorageFigures(rocksdb::DB& db,
                                  const rocksdb::Statistics* statistics) {
  StorageFigures figures;
  db.GetAggregatedIntProperty(rocksdb::DB::Properties::kTotalSstFilesSize,
                              &figures.sst_bytes);
  db.GetAggregatedIntProperty(rocksdb::DB::Properties::kSizeAllMemTables,
                              &figures.memtable_bytes);
  uint64_t stopped = 0;
  if (db.GetIntProperty(rocksdb::DB::Properties::kIsWriteStopped, &stopped)) {
    figures.write_stopped = stopped != 0;
  }
  db.GetIntProperty(rocksdb::DB::Properties::kActualDelayedWriteRate,
                    &figures.delayed_write_rate);
  rocksdb::VectorLogPtr wal_files;
  if (db.GetSortedWalFiles(wal_files).ok()) {
    for (const auto& file : wal_files)
      figures.wal_bytes += file->SizeFileBytes();
  }
  if (statistics != nullptr) {
    figures.stall_micros = statistics->getTickerCount(rocksdb::STALL_MICROS);
  }
  return figures;
}

}  // namespace yjinspect::common
