#pragma once

// Opening a RocksDB folder with its column families, as both services do:
// created when missing, and a folder another process holds reported as
// FAILED_PRECONDITION (RocksDB allows one process per database) rather than
// as an I/O error.

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "rocksdb/db.h"

namespace yjinspect::common {

// Opens `path` with `descriptors` (creating the database and missing column
// families). `what` names the store in messages ("the intake store"). On
// success `*db` owns the database and `*handles` holds one handle per
// descriptor, in order; destroy the handles before the database.
// Memory is bounded per database: unless `options` says otherwise, one
// 32 MB memtable budget across the families and a 64 MB WAL; and the
// families' tables share one 16 MB block cache (a table_factory in
// `descriptors` is replaced). The tables of the families whose index is in
// `filtered_families` carry a Bloom filter (10 bits a key, about 1 %
// false positives): a read of a key that is not there, such as the check
// that a new case is new, then skips the tables instead of reading a
// block of each.
absl::Status OpenRocksDb(
    const std::string& path, absl::string_view what, rocksdb::DBOptions options,
    const std::vector<rocksdb::ColumnFamilyDescriptor>& descriptors,
    const std::vector<size_t>& filtered_families,
    std::unique_ptr<rocksdb::DB>* db,
    std::vector<rocksdb::ColumnFamilyHandle*>* handles);

}  // namespace yjinspect::common
