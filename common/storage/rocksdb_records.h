#pragma once

// Reading protobuf records out of RocksDB as both stores do: a record that
// is missing is nullopt, one that does not parse is DATA_LOSS naming what it
// should have been, and a RocksDB error is converted (rocksdb_status.h).

#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/status_macros.h"
#include "common/storage/keyed.h"
#include "common/storage/rocksdb_status.h"
#include "rocksdb/db.h"

namespace yjinspect::common {

// `bytes` parsed as a Message; `what` names the record in the error.
template <typename Message>
absl::StatusOr<Message> ParseRecord(const rocksdb::Slice& bytes,
                                    absl::string_view what) {
  Message message;
  if (!message.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::DataLossError(absl::StrCat("unreadable ", what, " record"));
  }
  return message;
}

// The outcome of a point read (`status`, and `bytes` when found): nullopt
// when not found.
template <typename Message>
absl::StatusOr<std::optional<Message>> ParseFoundRecord(
    const rocksdb::Status& status, const std::string& bytes,
    absl::string_view what) {
  if (status.IsNotFound()) return std::optional<Message>();
  RETURN_IF_ERROR(FromRocksDb(status, absl::StrCat("reading ", what)));
  ASSIGN_OR_RETURN(Message message, ParseRecord<Message>(bytes, what));
  return std::optional<Message>(std::move(message));
}

// One record of `family` by key.
template <typename Message>
absl::StatusOr<std::optional<Message>> GetRecord(
    rocksdb::DB& db, rocksdb::ColumnFamilyHandle* family,
    const std::string& key, absl::string_view what) {
  std::string bytes;
  rocksdb::Status status = db.Get(rocksdb::ReadOptions(), family, key, &bytes);
  return ParseFoundRecord<Message>(status, bytes, what);
}

// Which keys a scan reads: those in [lower, upper) ("" = unbounded)
// strictly after `after` (a page token's key; "" = from the start), at
// most `limit` of them.
struct KeyRange {
  std::string lower;
  std::string upper;
  std::string after;
  size_t limit = std::numeric_limits<size_t>::max();
};

// The range [lower, upper) read from after `after`, at most `limit`.
inline KeyRange KeysIn(std::string lower, std::string upper,
                       absl::string_view after = "",
                       size_t limit = std::numeric_limits<size_t>::max()) {
  return {std::move(lower), std::move(upper), std::string(after), limit};
}

// The records of `family` in `range`, in key order, those `keep` refuses
// (when given) passed over without counting towards the limit.
template <typename Message>
absl::StatusOr<std::vector<Keyed<Message>>> ScanRecords(
    rocksdb::DB& db, rocksdb::ColumnFamilyHandle* family, const KeyRange& range,
    absl::string_view what,
    const std::function<bool(const Message&)>& keep = nullptr) {
  rocksdb::ReadOptions read_options;
  rocksdb::Slice upper(range.upper);
  if (!range.upper.empty()) read_options.iterate_upper_bound = &upper;
  std::unique_ptr<rocksdb::Iterator> it(db.NewIterator(read_options, family));
  std::vector<Keyed<Message>> out;
  const rocksdb::Slice after(range.after);
  for (it->Seek(range.after > range.lower ? range.after : range.lower);
       it->Valid() && out.size() < range.limit; it->Next()) {
    if (!range.after.empty() && it->key() == after) continue;
    ASSIGN_OR_RETURN(Message message, ParseRecord<Message>(it->value(), what));
    if (keep && !keep(message)) continue;
    out.push_back({it->key().ToString(), std::move(message)});
  }
  RETURN_IF_ERROR(
      FromRocksDb(it->status(), absl::StrCat("scanning ", what, " records")));
  return out;
}

// The values of `keyed`, keys dropped.
template <typename Message>
std::vector<Message> Values(std::vector<Keyed<Message>> keyed) {
  std::vector<Message> out;
  out.reserve(keyed.size());
  for (Keyed<Message>& entry : keyed) out.push_back(std::move(entry.value));
  return out;
}

}  // namespace yjinspect::common
