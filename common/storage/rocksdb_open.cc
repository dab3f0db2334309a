#include "common/storage/rocksdb_open.h"

#include "absl/strings/str_cat.h"
#include "common/storage/rocksdb_status.h"
#include "rocksdb/cache.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/table.h"

namespace yjinspect::common {

absl::Status OpenRocksDb(
    const std::string& path, absl::string_view what, rocksdb::DBOptions options,
    const std::vector<rocksdb::ColumnFamilyDescriptor>& descriptors,
    const std::vector<size_t>& filtered_families,
    std::unique_ptr<rocksdb::DB>* db,
    std::vector<rocksdb::ColumnFamilyHandle*>* handles) {
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  // One memtable budget for all column families, and a WAL bounded to
  // match: left to each family's own write buffers (up to six of 8 MB, or
  // two of 64 MB, each), a service holding a million cases grew past 150 MB
  // resident, and every start replayed the whole WAL (seconds).
  if (options.db_write_buffer_size == 0 &&
      options.write_buffer_manager == nullptr) {
    options.db_write_buffer_size = 32 << 20;
  }
  if (options.max_total_wal_size == 0) options.max_total_wal_size = 64 << 20;
  // One block cache for all column families too (each would otherwise get
  // its own 8 MB).
  rocksdb::BlockBasedTableOptions table_options;
  table_options.block_cache = rocksdb::NewLRUCache(16 << 20);
  std::shared_ptr<rocksdb::TableFactory> tables(
      rocksdb::NewBlockBasedTableFactory(table_options));
  // Tables written before a family was filtered keep working without one.
  table_options.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  std::shared_ptr<rocksdb::TableFactory> filtered_tables(
      rocksdb::NewBlockBasedTableFactory(table_options));
  std::vector<rocksdb::ColumnFamilyDescriptor> families = descriptors;
  for (rocksdb::ColumnFamilyDescriptor& family : families) {
    family.options.table_factory = tables;
  }
  for (size_t index : filtered_families) {
    if (index < families.size()) {
      families[index].options.table_factory = filtered_tables;
    }
  }
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(options, path, families, handles, &raw);
  if (!s.ok()) {
    if (s.IsIOError() && s.ToString().find("lock") != std::string::npos) {
      return absl::FailedPreconditionError(absl::StrCat(
          what, " at ", path, " is in use by another process: ", s.ToString()));
    }
    return FromRocksDb(s, absl::StrCat("opening ", what, " at ", path));
  }
  db->reset(raw);
  return absl::OkStatus();
}

}  // namespace yjinspect::common
