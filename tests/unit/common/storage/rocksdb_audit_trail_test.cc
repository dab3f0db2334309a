// common/storage/rocksdb_audit_trail.h: the head a store's audit chain is
// continued from, read from a real RocksDB in a temp folder.

#include "common/storage/rocksdb_audit_trail.h"

#include <memory>
#include <string>

#include "common/big_endian.h"
#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "tests/testing/temp_dir.h"

namespace yjinspect::common {
namespace {

class AuditHeadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    rocksdb::Options options;
    options.create_if_missing = true;
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(options, dir_.Sub("db"), &raw).ok());
    db_.reset(raw);
  }

  void Put(const std::string& key, const std::string& value) {
    ASSERT_TRUE(db_->Put(rocksdb::WriteOptions(), key, value).ok());
  }

  absl::StatusOr<AuditChainHead> Head() {
    return ReadAuditHead(db_.get(), db_->DefaultColumnFamily());
  }

  testing::TempDir dir_;
  std::unique_ptr<rocksdb::DB> db_;
};

TEST_F(AuditHeadTest, AnEmptyTrailHasAnEmptyHead) {
  auto head = Head();
  ASSERT_TRUE(head.ok()) << head.status();
  EXPECT_EQ(head->sequence, 0u);
  EXPECT_EQ(head->hash, "");
}

TEST_F(AuditHeadTest, TheLastRecordGivesSequenceAndHash) {
  for (uint64_t sequence : {1, 2, 3}) {
    v1::AuditRecord record;
    record.set_sequence(sequence);
    record.set_hash("hash-" + std::to_string(sequence));
    Put(EncodeBigEndian64(sequence), record.SerializeAsString());
  }
  auto head = Head();
  ASSERT_TRUE(head.ok()) << head.status();
  EXPECT_EQ(head->sequence, 3u);
  EXPECT_EQ(head->hash, "hash-3");
}

TEST_F(AuditHeadTest, AnUnreadableLastRecordKeepsItsPositionWithoutAHash) {
  Put(EncodeBigEndian64(7), "\xff\xff not a record");
  auto head = Head();
  ASSERT_TRUE(head.ok()) << head.status();
  EXPECT_EQ(head->sequence, 7u);
  EXPECT_EQ(head->hash, "");
}

TEST_F(AuditHeadTest, AKeyThatIsNoSequenceIsDataLoss) {
  Put(EncodeBigEndian64(1), v1::AuditRecord().SerializeAsString());
  Put("\xff not a sequence", "x");
  auto head = Head();
  EXPECT_EQ(head.status().code(), absl::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace yjinspect::common
