#include "common/storage/store_integrity.h"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/storage/acknowledged_mark.h"

namespace yjinspect::common {
namespace {

namespace fs = std::filesystem;

bool IsStoreFile(const std::string& name) {
  return absl::EndsWith(name, ".sst") || absl::EndsWith(name, ".log") ||
         absl::StartsWith(name, "MANIFEST-") || name == "CURRENT";
}

// The write-ahead logs of `path`, oldest first.
std::vector<fs::directory_entry> Logs(const std::string& path) {
  std::vector<fs::directory_entry> logs;
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(path, error)) {
    if (entry.path().extension() == ".log") logs.push_back(entry);
  }
  std::sort(logs.begin(), logs.end(),
            [](const fs::directory_entry& a, const fs::directory_entry& b) {
              return a.path().filename() < b.path().filename();
            });
  return logs;
}

absl::Status LessThanAcknowledged(const std::string& path,
                                  absl::string_view what, uint64_t recovered,
                                  uint64_t acknowledged) {
  return DamagedStore(
      path, what,
      absl::StrCat("it comes back with writes up to RocksDB sequence ",
                   recovered, ", but writes up to ", acknowledged,
                   " were acknowledged (", kAcknowledgedFile,
                   "): a write-ahead log is cut short or missing (",
                   DescribeLogs(path), ")"));
}

}  // namespace

absl::Status DamagedStore(const std::string& path, absl::string_view what,
                          absl::string_view detail) {
  return absl::DataLossError(absl::StrCat(
      what, " at ", path, " is damaged: ", detail,
      ". It was not served. Keep the folder as it is for investigation, "
      "restore the newest backup into a new folder and start the service on "
      "that (docs/backups.md, \"Restoring\"); `yjinspect check-store "
      "--data-dir=",
      path, "` checks a stopped store"));
}

bool HoldsStoreFiles(const std::string& path) {
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(path, error)) {
    if (IsStoreFile(entry.path().filename().string())) return true;
  }
  return false;
}

absl::Status CheckStoreFiles(const std::string& path, absl::string_view what) {
  std::error_code error;
  if (fs::exists(path + "/CURRENT", error) || !HoldsStoreFiles(path)) {
    return absl::OkStatus();
  }
  return DamagedStore(path, what,
                      "it holds a store's files but no CURRENT file (which "
                      "names the store's MANIFEST); opened as it is, it "
                      "would be taken for a new, empty store");
}

absl::StatusOr<std::unique_ptr<ReadOnlyStore>> ReadOnlyStore::Open(
    const std::string& path, absl::string_view what) {
  std::vector<std::string> names;
  rocksdb::Status listed =
      rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path, &names);
  if (!listed.ok()) return DamagedStore(path, what, listed.ToString());
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const std::string& name : names) {
    families.emplace_back(name, rocksdb::ColumnFamilyOptions());
  }
  auto store = std::unique_ptr<ReadOnlyStore>(new ReadOnlyStore());
  rocksdb::DB* raw = nullptr;
  rocksdb::Status opened = rocksdb::DB::OpenForReadOnly(
      rocksdb::DBOptions(), path, families, &store->handles_, &raw);
  if (!opened.ok()) return DamagedStore(path, what, opened.ToString());
  store->db_.reset(raw);
  return store;
}

ReadOnlyStore::~ReadOnlyStore() {
  if (db_ == nullptr) return;
  for (rocksdb::ColumnFamilyHandle* handle : handles_) {
    db_->DestroyColumnFamilyHandle(handle).PermitUncheckedError();
  }
  db_->Close().PermitUncheckedError();
}

rocksdb::ColumnFamilyHandle* ReadOnlyStore::Family(
    absl::string_view name) const {
  for (rocksdb::ColumnFamilyHandle* handle : handles_) {
    if (handle->GetName() == name) return handle;
  }
  return nullptr;
}

absl::StatusOr<std::optional<uint64_t>> CheckBeforeOpen(const std::string& path,
                                                        absl::string_view what,
                                                        bool verify_tables) {
  if (absl::Status files = CheckStoreFiles(path, what); !files.ok()) {
    return files;
  }
  std::error_code error;
  if (!fs::exists(path + "/CURRENT", error)) return std::nullopt;  // new
  const std::optional<uint64_t> acknowledged = ReadAcknowledgedMark(path);
  if (!acknowledged.has_value() && !verify_tables) return acknowledged;
  absl::StatusOr<std::unique_ptr<ReadOnlyStore>> store =
      ReadOnlyStore::Open(path, what);
  if (!store.ok()) return store.status();
  if (absl::Status back =
          CheckRecovered((*store)->db(), path, what, acknowledged);
      !back.ok()) {
    return back;
  }
  if (verify_tables) {
    if (absl::Status tables = VerifyTables((*store)->db(), path, what);
        !tables.ok()) {
      return tables;
    }
  }
  return acknowledged;
}

absl::Status CheckRecovered(rocksdb::DB& db, const std::string& path,
                            absl::string_view what,
                            std::optional<uint64_t> acknowledged) {
  const uint64_t recovered = db.GetLatestSequenceNumber();
  if (acknowledged.has_value() && recovered < *acknowledged) {
    return LessThanAcknowledged(path, what, recovered, *acknowledged);
  }
  return absl::OkStatus();
}

absl::Status VerifyTables(rocksdb::DB& db, const std::string& path,
                          absl::string_view what) {
  rocksdb::Status verified = db.VerifyChecksum();
  if (verified.ok()) return absl::OkStatus();
  return DamagedStore(path, what, verified.ToString());
}

std::string DescribeLogs(const std::string& path) {
  std::vector<std::string> described;
  for (const fs::directory_entry& log : Logs(path)) {
    std::error_code error;
    described.push_back(absl::StrCat(log.path().filename().string(), ", ",
                                     log.file_size(error), " bytes"));
  }
  if (described.empty()) return "no write-ahead log";
  return absl::StrCat("write-ahead logs: ", absl::StrJoin(described, "; "));
}

}  // namespace yjinspect::common
