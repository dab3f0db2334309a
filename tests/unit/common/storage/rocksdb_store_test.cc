// common/storage/rocksdb_store.h and rocksdb_records.h: what both stores
// read the same way (records by key and by range, the audit trail), on a
// real RocksDB in a temp folder.

#include "common/storage/rocksdb_store.h"

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/big_endian.h"
#include "common/storage/rocksdb_audit_trail.h"
#include "gtest/gtest.h"
#include "rocksdb/write_batch.h"
#include "tests/testing/temp_dir.h"
#include "yjinspect/v1/inspection.pb.h"

namespace yjinspect::common {
namespace {

enum class Family { kMeta = 0, kRecords = 1, kAudit = 2 };

RocksDbSchema Schema() {
  return {"the test store",
          {"default", "records", "audit"},
          rocksdb::ColumnFamilyOptions(),
          static_cast<size_t>(Family::kAudit),
          {static_cast<size_t>(Family::kRecords)}};
}

v1::Inspection Named(const std::string& name) {
  v1::Inspection inspection;
  inspection.set_name(name);
  return inspection;
}

class RocksDbStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }

  void Reopen() {
    store_.reset();
    auto store =
        RocksDbStore::Open(dir_.Sub("db"), Schema(), rocksdb::DBOptions());
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
  }

  void Put(Family family, const std::string& key, const std::string& value) {
    ASSERT_TRUE(
        store_->db()
            .Put(rocksdb::WriteOptions(), store_->handle(family), key, value)
            .ok());
  }

  testing::TempDir dir_;
  std::unique_ptr<RocksDbStore> store_;
};

TEST_F(RocksDbStoreTest, ARecordIsReadBackOrIsMissing) {
  Put(Family::kRecords, "a", Named("inspections/a").SerializeAsString());
  auto found = store_->Get<v1::Inspection>(Family::kRecords, "a", "inspection");
  ASSERT_TRUE(found.ok()) << found.status();
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->name(), "inspections/a");
  auto missing =
      store_->Get<v1::Inspection>(Family::kRecords, "b", "inspection");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
}

TEST_F(RocksDbStoreTest, ARecordThatDoesNotParseIsDataLossNamingWhatItIs) {
  Put(Family::kRecords, "a", "\xff\xff\xff not a record");
  auto found = store_->Get<v1::Inspection>(Family::kRecords, "a", "inspection");
  EXPECT_EQ(found.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(found.status().message().find("inspection"), std::string::npos);
  auto scanned =
      store_->Scan<v1::Inspection>(Family::kRecords, {}, "inspection");
  EXPECT_EQ(scanned.status().code(), absl::StatusCode::kDataLoss);
}

TEST_F(RocksDbStoreTest,
       AScanKeepsToItsRangeStartsAfterItsKeyAndStopsAtItsLimit) {
  for (const char* key : {"a1", "b1", "b2", "b3", "b4", "c1"}) {
    Put(Family::kRecords, key, Named(key).SerializeAsString());
  }
  auto page = store_->Scan<v1::Inspection>(
      Family::kRecords, KeysIn("b", "c", "", 2), "inspection");
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].key, "b1");
  EXPECT_EQ((*page)[1].key, "b2");
  auto next = store_->Scan<v1::Inspection>(
      Family::kRecords, KeysIn("b", "c", page->back().key, 10), "inspection");
  ASSERT_TRUE(next.ok());
  ASSERT_EQ(next->size(), 2u);
  EXPECT_EQ((*next)[0].key, "b3");
  EXPECT_EQ((*next)[1].value.name(), "b4");

  // What `keep` refuses does not count towards the limit.
  auto kept = store_->Scan<v1::Inspection>(
      Family::kRecords, KeysIn("", "", "", 2), "inspection",
      [](const v1::Inspection& i) { return i.name() != "b1"; });
  ASSERT_TRUE(kept.ok());
  ASSERT_EQ(kept->size(), 2u);
  EXPECT_EQ((*kept)[1].key, "b2");
  EXPECT_EQ(Values(*std::move(kept)).size(), 2u);
}

TEST_F(RocksDbStoreTest, TheAuditTrailIsReadInOrderAndContinuedAfterReopen) {
  AuditChainHead head = store_->audit_head_at_open();
  EXPECT_EQ(head.sequence, 0u);
  rocksdb::WriteBatch batch;
  AuditEvent event;
  event.caller = "inspector-7";
  event.action = v1::AUDIT_ACTION_RECORD_JUDGEMENTS;
  event.resource = "-";
  for (int i = 0; i < 3; ++i) {
    PutAuditRecord(batch, store_->handle(Family::kAudit), event,
                   absl::StatusCode::kOk, absl::Now(), head);
  }
  ASSERT_TRUE(store_->db().Write(rocksdb::WriteOptions(), &batch).ok());

  auto after_first = store_->ReadAuditEntries(1, 10);
  ASSERT_TRUE(after_first.ok());
  ASSERT_EQ(after_first->size(), 2u);
  EXPECT_EQ((*after_first)[0].sequence, 2u);

  Reopen();
  EXPECT_EQ(store_->audit_head_at_open().sequence, 3u);
  EXPECT_EQ(store_->audit_head_at_open().hash, head.hash);
}

TEST_F(RocksDbStoreTest, AnAuditKeyThatIsNoSequenceIsPassedOverWhenReading) {
  Put(Family::kAudit, EncodeBigEndian64(1), "record one");
  Put(Family::kAudit, "\x01 short", "stray");
  auto entries = store_->ReadAuditEntries(0, 10);
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].bytes, "record one");
}

TEST_F(RocksDbStoreTest, TickersAreFoundByNameAndWritesSurviveAClose) {
  EXPECT_TRUE(store_->Ticker("rocksdb.bytes.written").has_value());
  EXPECT_FALSE(store_->Ticker("no.such.ticker").has_value());
  Put(Family::kRecords, "a", Named("a").SerializeAsString());
  Reopen();
  auto found = store_->Get<v1::Inspection>(Family::kRecords, "a", "inspection");
  ASSERT_TRUE(found.ok() && found->has_value());
}

TEST_F(RocksDbStoreTest, AFilteredFamilysTablesAreSkippedForAMissingKey) {
  // One table in each family, none holding the key looked for.
  for (Family family : {Family::kRecords, Family::kMeta}) {
    for (int i = 0; i < 100; ++i) {
      Put(family, absl::StrCat("key-", i), "value");
    }
    ASSERT_TRUE(store_->db()
                    .Flush(rocksdb::FlushOptions(), store_->handle(family))
                    .ok());
  }
  auto useful = [&] { return *store_->Ticker("rocksdb.bloom.filter.useful"); };
  const uint64_t before = useful();
  for (int i = 0; i < 20; ++i) {
    auto missing = store_->Get<v1::Inspection>(
        Family::kRecords, absl::StrCat("key-", i, "-absent"), "inspection");
    ASSERT_TRUE(missing.ok() && !missing->has_value());
  }
  EXPECT_GE(useful() - before, 19u) << "the filter ruled the table out";
  const uint64_t after_filtered = useful();
  for (int i = 0; i < 20; ++i) {
    auto missing = store_->Get<v1::Inspection>(
        Family::kMeta, absl::StrCat("key-", i, "-absent"), "inspection");
    ASSERT_TRUE(missing.ok() && !missing->has_value());
  }
  EXPECT_EQ(useful(), after_filtered) << "an unfiltered family has none";
}

TEST_F(RocksDbStoreTest, AFolderHeldByAnotherStoreIsAFailedPrecondition) {
  auto second =
      RocksDbStore::Open(dir_.Sub("db"), Schema(), rocksdb::DBOptions());
  EXPECT_EQ(second.status().code(), absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace yjinspect::common
