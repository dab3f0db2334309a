// common/storage/storage_figures.h: the size and stall figures the metrics
// export, read from a real RocksDB in a temp folder (sizes move as writes
// go from the memtable and the write-ahead log into tables), and from a
// wrapped one for the stall states a test cannot cause on demand.

#include "common/storage/storage_figures.h"

#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "rocksdb/statistics.h"
#include "rocksdb/utilities/stackable_db.h"
#include "tests/testing/temp_rocksdb.h"

namespace yjinspect::common {
namespace {

constexpr uint64_t kWritten = 256 * 1024;

class StorageFiguresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    rocksdb::DBOptions options;
    options.statistics = statistics_;
    store_.Open(
        options,
        {{rocksdb::kDefaultColumnFamilyName, {}}, {"cases", {}}, {"log", {}}});
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
      ASSERT_TRUE(store_.db()
                      .Put(rocksdb::WriteOptions(), family,
                           "NM-" + std::to_string(i), value)
                      .ok());
    }
  }
  void Flush(rocksdb::ColumnFamilyHandle* family) {
    ASSERT_TRUE(store_.db().Flush(rocksdb::FlushOptions(), family).ok());
  }
  uint64_t SstBytesOf(rocksdb::ColumnFamilyHandle* family) {
    uint64_t bytes = 0;
    EXPECT_TRUE(store_.db().GetIntProperty(
        family, rocksdb::DB::Properties::kTotalSstFilesSize, &bytes));
    return bytes;
  }

  std::shared_ptr<rocksdb::Statistics> statistics_ =
      rocksdb::CreateDBStatistics();
  testing::TempRocksDb store_;
};

TEST_F(StorageFiguresTest, AnEmptyStoreHasNoTablesAndNoStalls) {
  StorageFigures figures = ReadStorageFigures(store_.db(), statistics_.get());
  EXPECT_EQ(figures.sst_bytes, 0u);
  EXPECT_LT(figures.wal_bytes, 4096u);
  EXPECT_FALSE(figures.write_stopped);
  EXPECT_EQ(figures.delayed_write_rate, 0u);
  EXPECT_EQ(figures.stall_micros, 0u);
}

TEST_F(StorageFiguresTest, UnflushedWritesAreInTheMemtablesAndTheLog) {
  Write(store_.handles()[1], kWritten);
  StorageFigures figures = ReadStorageFigures(store_.db(), statistics_.get());
  EXPECT_EQ(figures.sst_bytes, 0u);
  EXPECT_GE(figures.memtable_bytes, kWritten);
  EXPECT_GE(figures.wal_bytes, kWritten);
}

TEST_F(StorageFiguresTest, AFlushMovesTheBytesIntoTables) {
  Write(store_.handles()[1], kWritten);
  const StorageFigures before =
      ReadStorageFigures(store_.db(), statistics_.get());
  for (auto* family : store_.handles()) Flush(family);
  const StorageFigures after =
      ReadStorageFigures(store_.db(), statistics_.get());
  EXPECT_GE(after.sst_bytes, kWritten);
  EXPECT_LT(after.memtable_bytes, before.memtable_bytes / 2);
  // The flushed log is no longer kept.
  EXPECT_LT(after.wal_bytes, kWritten / 2);
}

TEST_F(StorageFiguresTest, TableBytesAreSummedOverEveryFamily) {
  Write(store_.handles()[1], kWritten);
  Write(store_.handles()[2], kWritten / 2);
  Flush(store_.handles()[1]);
  Flush(store_.handles()[2]);
  ASSERT_GT(SstBytesOf(store_.handles()[1]), 0u);
  ASSERT_GT(SstBytesOf(store_.handles()[2]), 0u);
  EXPECT_EQ(ReadStorageFigures(store_.db(), statistics_.get()).sst_bytes,
            SstBytesOf(store_.handles()[1]) + SstBytesOf(store_.handles()[2]));
}

TEST_F(StorageFiguresTest, StallTimeComesFromTheStatistics) {
  statistics_->recordTick(rocksdb::STALL_MICROS, 2500);
  EXPECT_EQ(ReadStorageFigures(store_.db(), statistics_.get()).stall_micros,
            2500u);
  // Without statistics there is no stall time to read.
  EXPECT_EQ(ReadStorageFigures(store_.db(), nullptr).stall_micros, 0u);
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
  StallingDb stopped(store_.db(), 1, 0);
  StorageFigures figures = ReadStorageFigures(stopped, statistics_.get());
  EXPECT_TRUE(figures.write_stopped);
  EXPECT_EQ(figures.delayed_write_rate, 0u);

  StallingDb slowed(store_.db(), 0, 16 << 20);
  figures = ReadStorageFigures(slowed, statistics_.get());
  EXPECT_FALSE(figures.write_stopped);
  EXPECT_EQ(figures.delayed_write_rate, uint64_t{16} << 20);
}

}  // namespace
}  // namespace yjinspect::common
