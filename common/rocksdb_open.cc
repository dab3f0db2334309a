#include "common/rocksdb_open.h"

#include "absl/strings/str_cat.h"
#include "common/rocksdb_status.h"

namespace yjinspect::common {

absl::Status OpenRocksDb(
    const std::string& path, absl::string_view what, rocksdb::DBOptions options,
    const std::vector<rocksdb::ColumnFamilyDescriptor>& descriptors,
    std::unique_ptr<rocksdb::DB>* db,
    std::vector<rocksdb::ColumnFamilyHandle*>* handles) {
  options.create_if_missing = true;
  options.create_missing_column_families = true;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s =
      rocksdb::DB::Open(options, path, descriptors, handles, &raw);
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
