#include "common/storage/store_check.h"

#include <memory>

#include "common/storage/acknowledged_mark.h"
#include "common/storage/rocksdb_audit_trail.h"
#include "common/storage/rocksdb_store.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rocksdb/write_batch.h"
#include "tests/testing/temp_dir.h"

namespace yjinspect::common {
namespace {

using ::testing::HasSubstr;

RocksDbSchema Schema() {
  return {"the test store",
          {"default", "audit"},
          rocksdb::ColumnFamilyOptions(),
          1};
}

// A store with `records` audit records, closed. Returns its head.
AuditChainHead WriteTrail(const std::string& path, int records) {
  auto store = RocksDbStore::Open(path, Schema(), rocksdb::DBOptions());
  EXPECT_TRUE(store.ok()) << store.status();
  AuditChainHead head;
  rocksdb::WriteOptions synced;
  synced.sync = true;
  for (int i = 0; i < records; ++i) {
    rocksdb::WriteBatch batch;
    PutAuditRecord(batch, (*store)->handle(1),
                   {"insp-1", "inspector", "", v1::AUDIT_ACTION_READ_CASE,
                    "yots/northmoor/cases/NM-1"},
                   absl::StatusCode::kOk, absl::Now(), head);
    EXPECT_TRUE((*store)->Write(synced, &batch).ok());
  }
  return head;
}

std::string Joined(const StoreCheckReport& report) {
  std::string out;
  for (const std::string& line : report.lines) out += line + "\n";
  return out;
}

TEST(StoreCheckTest, AnIntactStoreReportsEachCheck) {
  testing::TempDir dir;
  const AuditChainHead head = WriteTrail(dir.Sub("db"), 4);
  auto report = CheckStoreOffline(dir.Sub("db"), head);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_TRUE(report->intact) << Joined(*report);
  EXPECT_THAT(Joined(*report), HasSubstr("ok: recovers writes up to RocksDB "
                                         "sequence 4, and 4 were "
                                         "acknowledged"));
  EXPECT_THAT(Joined(*report), HasSubstr("matches its checksum"));
  EXPECT_THAT(Joined(*report),
              HasSubstr("ok: audit trail intact, 4 records, head 4:"));
}

TEST(StoreCheckTest, AHeadTheTrailNoLongerHoldsIsDamage) {
  testing::TempDir dir;
  AuditChainHead head = WriteTrail(dir.Sub("db"), 2);
  head.sequence = 5;
  head.hash.clear();
  auto report = CheckStoreOffline(dir.Sub("db"), head);
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_FALSE(report->intact);
  EXPECT_THAT(Joined(*report),
              HasSubstr("DAMAGED: audit trail broken at record 3"));
}

TEST(StoreCheckTest, AStoreShortOfItsMarkIsDamage) {
  testing::TempDir dir;
  WriteTrail(dir.Sub("db"), 2);
  { ASSERT_TRUE(AcknowledgedMark::Open(dir.Sub("db"), 40).ok()); }
  auto report = CheckStoreOffline(dir.Sub("db"));
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_FALSE(report->intact);
  EXPECT_THAT(Joined(*report), HasSubstr("DAMAGED: the store at"));
  // The way out is the command's to print once, not each line's.
  EXPECT_THAT(Joined(*report), ::testing::Not(HasSubstr("It was not served")));
}

// A store in use by another process is refused: faults/damaged_store_test
// (POSIX locks are per process, so this process cannot see its own).

TEST(StoreCheckTest, AFolderWithoutAStoreIsNotFound) {
  testing::TempDir dir;
  EXPECT_EQ(CheckStoreOffline(dir.path()).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(CheckStoreOffline(dir.Sub("missing")).status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace yjinspect::common
