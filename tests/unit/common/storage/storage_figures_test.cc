// common/storage/storage_figures.h: the size and stall figures the metrics
// export, read from a real RocksDB in a temp folder (sizes move as writes
// go from the memtable and the write-ahead log into tables), and from a
// wrapped one for the stall states a test cannot cause on demand.

#include "common/storage/storage_figures.h"

#include <memory>
#include <string>
#include <vector>

#include "common/storage/rocksdb_open.h"
#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "rocksdb/statistics.h"
#include "rocksdb/utilities/stackable_db.h"
#include "tests/testing/temp_dir.h"

namespace yjinspect::common {
namespace {

constexpr uint64_t kWritten = 256 * 1024;

class StorageFiguresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    rocksdb::DBOptions options;
    options.statistics = statistics_;
    ASSERT_TRUE(OpenRocksDb(dir_.Sub("store"), "the test store", options,
                            {{rocksdb::kDefaultColumnFamilyName, {}},
                             {"cases", {}},
                             {"log", {}}},
                            &db_, &handles_)
                    .ok());
  }

  void TearDown() override {
    for (auto* handle : handles_) {
      EXPECT_TRUE(db_->DestroyColumnFamilyHandle(handle).ok());
    }
    handles_.clear();
    db_.reset();
  }

  // `bytes` of values that do not compress, in 1 KiB records.
  void Write(rocksdb::ColumnFamilyHandle* family, uint64_t bytes) {
    uint64_t state = 88172645463325252ULL;
    for (uint64_t i = 0; i < bytes / 1024; ++i) {
      std::string value(1024, '\0');
      for (char& c : value) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        c = static_cast<char>(state);
      }
      ASSERT_TRUE(db_->Put(rocksdb::WriteOptions(), family,
                           "NM-" + std::to_string(i), value)
                      .ok());
    }
  }
  void Flush(rocksdb::ColumnFamilyHandle* family) {
    ASSERT_TRUE(db_->Flush(rocksdb::FlushOptions(), family).ok());
  }
  uint64_t SstBytesOf(rocksdb::ColumnFamilyHandle* family) {
    uint64_t bytes = 0;
    EXPECT_TRUE(db_->GetIntProperty(
        family, rocksdb::DB::Properties::kTotalSstFilesSize, &bytes));
    return bytes;
  }

  testing::TempDir dir_;
  std::shared_ptr<rocksdb::Statistics> statistics_ =
      rocksdb::CreateDBStatistics();
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
};

TEST_F(StorageFiguresTest, AnEmptyStoreHasNoTablesAndNoStalls) {
  StorageFigures figures = ReadStorageFigures(*db_, statistics_.get());
  EXPECT_EQ(figures.sst_bytes, 0u);
  EXPECT_LT(figures.wal_bytes, 4096u);
  EXPECT_FALSE(figures.write_stopped);
  EXPECT_EQ(figures.delayed_write_rate, 0u);
  EXPECT_EQ(figures.stall_micros, 0u);
}

TEST_F(StorageFiguresTest, UnflushedWritesAreInTheMemtablesAndTheLog) {
  Write(handles_[1], kWritten);
  StorageFigures figures = ReadStorageFigures(*db_, statistics_.get());
  EXPECT_EQ(figures.sst_bytes, 0u);
  EXPECT_GE(figures.memtable_bytes, kWritten);
  EXPECT_GE(figures.wal_bytes, kWritten);
}

TEST_F(StorageFiguresTest, AFlushMovesTheBytesIntoTables) {
  Write(handles_[1], kWritten);
  const StorageFigures before = ReadStorageFigures(*db_, statistics_.get());
  for (auto* family : handles_) Flush(family);
  const StorageFigures after = ReadStorageFigures(*db_, statistics_.get());
  EXPECT_GE(after.sst_bytes, kWritten);
  EXPECT_LT(after.memtable_bytes, before.memtable_bytes / 2);
  // The flushed log is no longer kept.
  EXPECT_LT(after.wal_bytes, kWritten / 2);
}

TEST_F(StorageFiguresTest, TableBytesAreSummedOverEveryFamily) {
  Write(handles_[1], kWritten);
  Write(handles_[2], kWritten / 2);
  Flush(handles_[1]);
  Flush(handles_[2]);
  ASSERT_GT(SstBytesOf(handles_[1]), 0u);
  ASSERT_GT(SstBytesOf(handles_[2]), 0u);
  EXPECT_EQ(ReadStorageFigures(*db_, statistics_.get()).sst_bytes,
            SstBytesOf(handles_[1]) + SstBytesOf(handles_[2]));
}

TEST_F(StorageFiguresTest, StallTimeComesFromTheStatistics) {
  statistics_->recordTick(rocksdb::STALL_MICROS, 2500);
  EXPECT_EQ(ReadStorageFigures(*db_, statistics_.get()).stall_micros, 2500u);
  // Without statistics there is no stall time to read.
  EXPECT_EQ(ReadStorageFigures(*db_, nullptr).stall_micros, 0u);
}

// A store that reports the stall properties it is given (RocksDB stops or
// slows writes only when compaction falls far behind).
class StallingDb : public rocksdb::StackableDB {
 public:
  // Borrows `db`, which the fixture closes.
  StallingDb(rocksdb::DB& db, uint64_t stopped, uint64_t delayed_rate)
      : rocksdb::StackableDB(
            std::shared_ptr<rocksdb::DB>(&db, [](rocksdb::DB*) {})),
        stopped_(stopped),
        delayed_rate_(delayed_rate) {}

  using rocksdb::StackableDB::GetIntProperty;
  bool GetIntProperty(rocksdb::ColumnFamilyHandle* family,
                      const rocksdb::Slice& property,
                      uint64_t* value) override {
    if (property == rocksdb::DB::Properties::kIsWriteStopped) {
      *value = stopped_;
      return true;
    }
    if (property == rocksdb::DB::Properties::kActualDelayedWriteRate) {
      *value = delayed_rate_;
      return true;
    }
    return rocksdb::StackableDB::GetIntProperty(family, property, value);
  }

 private:
  uint64_t stopped_;
  uint64_t delayed_rate_;
};

TEST_F(StorageFiguresTest, StoppedAndSlowedWritesAreReported) {
  StallingDb stopped(*db_, 1, 0);
  StorageFigures figures = ReadStorageFigures(stopped, statistics_.get());
  EXPECT_TRUE(figures.write_stopped);
  EXPECT_EQ(figures.delayed_write_rate, 0u);

  StallingDb slowed(*db_, 0, 16 << 20);
  figures = ReadStorageFigures(slowed, statistics_.get());
  EXPECT_FALSE(figures.write_stopped);
  EXPECT_EQ(figures.delayed_write_rate, uint64_t{16} << 20);
}

}  // namespace
}  // namespace yjinspect::common
