#include "common/storage/store_check.h"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <memory>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/storage/acknowledged_mark.h"
#include "common/storage/rocksdb_audit_trail.h"
#include "common/storage/store_integrity.h"

namespace yjinspect::common {
namespace {

namespace fs = std::filesystem;

// True while a process holds RocksDB's lock on the folder (RocksDB locks
// LOCK with fcntl; F_GETLK reports another process's lock without taking
// one).
bool HeldByAProcess(const std::string& path) {
  const int fd = open((path + "/LOCK").c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) return false;
  struct flock lock {};
  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;
  const bool held = fcntl(fd, F_GETLK, &lock) == 0 && lock.l_type != F_UNLCK;
  close(fd);
  return held;
}

// The report's line for a damaged store: the refusal's message without
// the advice that follows it (the command prints the way out once).
std::string Problem(const absl::Status& status) {
  std::string message(status.message());
  const size_t advice = message.find(". It was not served.");
  if (advice != std::string::npos) message.resize(advice);
  return absl::StrCat("DAMAGED: ", message);
}

// The audit trail of a store opened read-only, read as the services read
// theirs (rocksdb_audit_trail.h): keys that are no sequence are passed over.
class ReadOnlyTrail : public AuditSource {
 public:
  ReadOnlyTrail(rocksdb::DB& db, rocksdb::ColumnFamilyHandle* audit)
      : db_(db), audit_(audit) {}
  absl::StatusOr<std::vector<StoredAuditEntry>> ReadAuditEntries(
      uint64_t after, size_t limit) const override {
    return common::ReadAuditEntries(db_, audit_, after, limit);
  }
  absl::StatusOr<AuditChainHead> ReadAuditHead() const override {
    return common::ReadAuditHead(&db_, audit_);
  }

 private:
  rocksdb::DB& db_;
  rocksdb::ColumnFamilyHandle* audit_;
};

}  // namespace

absl::StatusOr<StoreCheckReport> CheckStoreOffline(
    const std::string& path,
    const std::optional<AuditChainHead>& expected_head) {
  const std::string what = "the store";
  std::error_code error;
  if (!fs::is_directory(path, error) || !HoldsStoreFiles(path)) {
    return absl::NotFoundError(absl::StrCat(path, " holds no store"));
  }
  if (HeldByAProcess(path)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the store at ", path,
        " is in use by a running service: stop the service first (its files "
        "change under a reader)"));
  }
  StoreCheckReport report;
  auto damaged = [&](const absl::Status& status) {
    report.lines.push_back(Problem(status));
    report.intact = false;
    return report;
  };
  if (absl::Status files = CheckStoreFiles(path, what); !files.ok()) {
    return damaged(files);
  }
  absl::StatusOr<std::unique_ptr<ReadOnlyStore>> opened =
      ReadOnlyStore::Open(path, what);
  if (!opened.ok()) return damaged(opened.status());
  ReadOnlyStore& store = **opened;
  const std::optional<uint64_t> acknowledged = ReadAcknowledgedMark(path);
  const uint64_t recovered = store.db().GetLatestSequenceNumber();
  if (absl::Status back = CheckRecovered(store.db(), path, what, acknowledged);
      !back.ok()) {
    return damaged(back);
  }
  report.lines.push_back(
      acknowledged.has_value()
          ? absl::StrCat("ok: recovers writes up to RocksDB sequence ",
                         recovered, ", and ", *acknowledged,
                         " were acknowledged (", DescribeLogs(path), ")")
          : absl::StrCat("ok: recovers writes up to RocksDB sequence ",
                         recovered, " (no ", kAcknowledgedFile,
                         " mark to compare with: a store restored from a "
                         "backup, or not yet opened by a service)"));
  if (absl::Status tables = VerifyTables(store.db(), path, what);
      !tables.ok()) {
    return damaged(tables);
  }
  uint64_t table_files = 0;
  uint64_t table_bytes = 0;
  std::vector<rocksdb::LiveFileMetaData> live;
  store.db().GetLiveFilesMetaData(&live);
  for (const rocksdb::LiveFileMetaData& file : live) {
    ++table_files;
    table_bytes += file.size;
  }
  report.lines.push_back(absl::StrCat("ok: every block of ", table_files,
                                      " table files (", table_bytes,
                                      " bytes) matches its checksum"));
  rocksdb::ColumnFamilyHandle* audit = store.Family("audit");
  if (audit == nullptr) {
    return damaged(DamagedStore(path, what, "it has no audit column family"));
  }
  AuditChainVerifier verifier;
  if (expected_head.has_value()) verifier.ExpectHead(*expected_head);
  if (absl::Status read =
          VerifyTrail(ReadOnlyTrail(store.db(), audit), verifier);
      !read.ok()) {
    return damaged(DamagedStore(path, what, read.message()));
  }
  if (!verifier.intact()) {
    report.lines.push_back(
        absl::StrCat("DAMAGED: audit trail broken at record ",
                     verifier.broken_at(), ": ", verifier.problem()));
    report.intact = false;
    return report;
  }
  report.lines.push_back(absl::StrCat(
      "ok: audit trail intact, ", verifier.record_count(), " records, head ",
      verifier.head().sequence, ":",
      absl::BytesToHexString(verifier.head().hash),
      expected_head.has_value() ? "; holds the head noted earlier" : ""));
  return report;
}

}  // namespace yjinspect::common
