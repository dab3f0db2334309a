#include "tests/crash/store_snapshot.h"

#include <algorithm>
#include <memory>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "common/storage/rocksdb_status.h"
#include "rocksdb/db.h"
#include "services/findings/storage/column_families.h"
#include "services/findings/storage/keys.h"
#include "services/intake/storage/column_families.h"
#include "services/intake/storage/keys.h"
#include "yjinspect/storage/v1/storage.pb.h"

namespace yjinspect::crash {
namespace {

// A database opened read-only with some of its column families (read-only
// mode allows a subset), handles destroyed before the database.
class ReadOnlyDb {
 public:
  static absl::StatusOr<std::unique_ptr<ReadOnlyDb>> Open(
      const std::string& path, const std::vector<std::string>& families) {
    std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
    for (const std::string& name : families) {
      descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
    }
    auto db = std::unique_ptr<ReadOnlyDb>(new ReadOnlyDb());
    rocksdb::DB* raw = nullptr;
    RETURN_IF_ERROR(common::FromRocksDb(
        rocksdb::DB::OpenForReadOnly(rocksdb::DBOptions(), path, descriptors,
                                     &db->handles_, &raw),
        absl::StrCat("opening ", path, " read-only")));
    db->db_.reset(raw);
    return db;
  }
  ~ReadOnlyDb() {
    for (auto* handle : handles_) db_->DestroyColumnFamilyHandle(handle);
  }

  // Calls `visit(key, value)` for every entry of family `index`.
  template <typename Visit>
  absl::Status Scan(size_t index, Visit visit) const {
    std::unique_ptr<rocksdb::Iterator> it(
        db_->NewIterator(rocksdb::ReadOptions(), handles_[index]));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      RETURN_IF_ERROR(visit(it->key().ToString(), it->value().ToString()));
    }
    return common::FromRocksDb(it->status(), "scanning");
  }

  // Calls `visit(key)` for every key of family `index`.
  template <typename Visit>
  absl::Status ScanKeys(size_t index, Visit visit) const {
    std::unique_ptr<rocksdb::Iterator> it(
        db_->NewIterator(rocksdb::ReadOptions(), handles_[index]));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      RETURN_IF_ERROR(
          visit(absl::string_view(it->key().data(), it->key().size())));
    }
    return common::FromRocksDb(it->status(), "scanning");
  }

  // The last key of family `index`; nullopt when it is empty.
  absl::StatusOr<std::optional<std::string>> LastKey(size_t index) const {
    std::unique_ptr<rocksdb::Iterator> it(
        db_->NewIterator(rocksdb::ReadOptions(), handles_[index]));
    it->SeekToLast();
    RETURN_IF_ERROR(common::FromRocksDb(it->status(), "seeking the last key"));
    if (!it->Valid()) return std::nullopt;
    return it->key().ToString();
  }

  absl::StatusOr<std::optional<std::string>> Get(size_t index,
                                                 const std::string& key) const {
    std::string value;
    rocksdb::Status s =
        db_->Get(rocksdb::ReadOptions(), handles_[index], key, &value);
    if (s.IsNotFound()) return std::nullopt;
    RETURN_IF_ERROR(common::FromRocksDb(s, "reading"));
    return value;
  }

 private:
  ReadOnlyDb() = default;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
};

}  // namespace

uint64_t IntakeSnapshot::ForFindings(uint64_t after, uint64_t upto) const {
  auto from = std::upper_bound(for_findings.begin(), for_findings.end(), after);
  auto to = std::upper_bound(for_findings.begin(), for_findings.end(), upto);
  return to > from ? static_cast<uint64_t>(to - from) : 0;
}

absl::StatusOr<IntakeSnapshot> ReadIntakeStore(const std::string& path) {
  using intake::ColumnFamily;
  using intake::ColumnFamilyName;
  ASSIGN_OR_RETURN(
      auto db, ReadOnlyDb::Open(
                   path, {std::string(ColumnFamilyName(ColumnFamily::kMeta)),
                          std::string(ColumnFamilyName(ColumnFamily::kCases)),
                          std::string(ColumnFamilyName(ColumnFamily::kChanges)),
                          std::string(ColumnFamilyName(ColumnFamily::kFeed))}));
  IntakeSnapshot snapshot;
  RETURN_IF_ERROR(
      db->Scan(1, [&](const std::string&, const std::string& value) {
        storage::v1::StoredCase stored;
        if (!stored.ParseFromString(value)) {
          return absl::DataLossError("unreadable case record");
        }
        std::string name = stored.case_().name();
        snapshot.cases[name] = std::move(*stored.mutable_case_());
        return absl::OkStatus();
      }));
  auto sequence_of = [](absl::string_view key) -> absl::StatusOr<uint64_t> {
    auto sequence = intake::DecodeSequenceKey(key);
    if (!sequence) return absl::DataLossError("malformed change-log key");
    return *sequence;
  };
  // The head is the log's last key, as intake itself reads it at start.
  ASSIGN_OR_RETURN(auto last, db->LastKey(2));
  if (last) {
    ASSIGN_OR_RETURN(snapshot.head, sequence_of(*last));
  }
  RETURN_IF_ERROR(db->ScanKeys(3, [&](absl::string_view key) {
    ASSIGN_OR_RETURN(uint64_t sequence, sequence_of(key));
    snapshot.for_findings.push_back(sequence);
    return absl::OkStatus();
  }));
  return snapshot;
}

absl::StatusOr<uint64_t> ReadFindingsCursor(const std::string& path) {
  ASSIGN_OR_RETURN(auto db, ReadOnlyDb::Open(path, {"default"}));
  ASSIGN_OR_RETURN(auto bytes, db->Get(0, std::string(findings::kCursorKey)));
  if (!bytes) return 0;
  auto cursor = findings::DecodeUint64(*bytes);
  if (!cursor) return absl::DataLossError("malformed intake cursor");
  return *cursor;
}

absl::StatusOr<FindingsSnapshot> ReadFindingsStore(const std::string& path) {
  using findings::ColumnFamily;
  using findings::ColumnFamilyName;
  FindingsSnapshot snapshot;
  ASSIGN_OR_RETURN(snapshot.cursor, ReadFindingsCursor(path));
  ASSIGN_OR_RETURN(
      auto db,
      ReadOnlyDb::Open(path,
                       {std::string(ColumnFamilyName(ColumnFamily::kMeta)),
                        std::string(ColumnFamilyName(ColumnFamily::kCases))}));
  RETURN_IF_ERROR(
      db->Scan(1, [&](const std::string& key, const std::string& value) {
        v1::Case c;
        if (!c.ParseFromString(value)) {
          return absl::DataLossError("unreadable case record");
        }
        snapshot.cases.emplace(key, std::move(c));
        return absl::OkStatus();
      }));
  return snapshot;
}

}  // namespace yjinspect::crash
