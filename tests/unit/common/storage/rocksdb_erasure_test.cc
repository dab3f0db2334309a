// common/storage/rocksdb_erasure.h: after PurgeErasedBytes an erased value
// is in no file of the store, whether it had reached a table or only the
// write-ahead log; and KeepNoErasedBytes is what makes that true (and
// checkable by searching the files) even over settings that would keep
// old bytes. A real RocksDB in a temp folder.

#include "common/storage/rocksdb_erasure.h"

#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rocksdb/utilities/stackable_db.h"
#include "tests/testing/disk_search.h"
#include "tests/testing/matchers.h"
#include "tests/testing/temp_rocksdb.h"

namespace yjinspect::common {
namespace {

using testing::FilesContaining;

// Synthetic content to erase: distinctive, so a hit is never a coincidence.
constexpr char kErased[] = "synthetic-erased-offence-description-5512";
constexpr char kKept[] = "synthetic-kept-offence-description-7781";

class PurgeErasedBytesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    rocksdb::DBOptions options;
    // Settings that would keep erased bytes (archived and recycled WAL
    // files): KeepNoErasedBytes must override them.
    options.WAL_ttl_seconds = 3600;
    options.WAL_size_limit_MB = 64;
    options.recycle_log_file_num = 4;
    KeepNoErasedBytes(options);
    rocksdb::ColumnFamilyOptions family;
    KeepNoErasedBytes(family);
    store_.Open(options, {{rocksdb::kDefaultColumnFamilyName, family},
                          {"cases", family}});
  }

  std::string path() const { return store_.path(); }
  rocksdb::ColumnFamilyHandle* cases() const { return store_.handles()[1]; }

  void Put(const std::string& key, const std::string& value) {
    ASSERT_TRUE(
        store_.db().Put(rocksdb::WriteOptions(), cases(), key, value).ok());
  }
  void Delete(const std::string& key) {
    ASSERT_TRUE(store_.db().Delete(rocksdb::WriteOptions(), cases(), key).ok());
  }
  void Flush() {
    ASSERT_TRUE(store_.db().Flush(rocksdb::FlushOptions(), cases()).ok());
  }
  std::string Get(const std::string& key) {
    std::string value;
    rocksdb::Status status =
        store_.db().Get(rocksdb::ReadOptions(), cases(), key, &value);
    return status.ok() ? value : status.ToString();
  }

  testing::TempRocksDb store_;
};

TEST_F(PurgeErasedBytesTest, TablesKeepValuesUncompressedSoTheyCanBeSearched) {
  // Repetitive text compresses well: found verbatim only when tables are
  // not compressed.
  std::string repeated;
  for (int i = 0; i < 50; ++i) repeated += kKept;
  Put("NM-0001", repeated);
  Flush();
  std::vector<std::string> hits = FilesContaining(path(), repeated);
  ASSERT_THAT(hits, Not(IsEmpty()));
  EXPECT_THAT(hits[0], ::testing::EndsWith(".sst"));
}

TEST_F(PurgeErasedBytesTest, ADeletedValueInATableLeavesTheDisk) {
  Put("NM-0001", kErased);
  Put("NM-0002", kKept);
  Flush();
  Delete("NM-0001");
  // Deleting alone leaves the table that holds it.
  ASSERT_THAT(FilesContaining(path(), kErased), Not(IsEmpty()));

  ASSERT_TRUE(PurgeErasedBytes(store_.db(), store_.handles()).ok());

  EXPECT_THAT(FilesContaining(path(), kErased), IsEmpty());
  EXPECT_THAT(FilesContaining(path(), kKept), Not(IsEmpty()));
  EXPECT_EQ(Get("NM-0002"), kKept);
  EXPECT_THAT(Get("NM-0001"), HasSubstr("NotFound"));
}

TEST_F(PurgeErasedBytesTest, AValueOnlyInTheWriteAheadLogLeavesTheDisk) {
  Put("NM-0001", kErased);
  Delete("NM-0001");
  ASSERT_THAT(FilesContaining(path(), kErased), Not(IsEmpty()));

  ASSERT_TRUE(PurgeErasedBytes(store_.db(), store_.handles()).ok());

  // Neither an archived nor a recycled log file keeps it.
  EXPECT_THAT(FilesContaining(path(), kErased), IsEmpty());
}

TEST_F(PurgeErasedBytesTest, AnOverwrittenValueLeavesTheDisk) {
  // An amended case replaces what was first sent.
  Put("NM-0001", kErased);
  Flush();
  Put("NM-0001", kKept);
  Flush();

  ASSERT_TRUE(PurgeErasedBytes(store_.db(), store_.handles()).ok());

  EXPECT_THAT(FilesContaining(path(), kErased), IsEmpty());
  EXPECT_EQ(Get("NM-0001"), kKept);
}

TEST_F(PurgeErasedBytesTest, NothingErasedIsANoOp) {
  Put("NM-0002", kKept);
  EXPECT_TRUE(PurgeErasedBytes(store_.db(), store_.handles()).ok());
  EXPECT_TRUE(PurgeErasedBytes(store_.db(), store_.handles()).ok());
  EXPECT_EQ(Get("NM-0002"), kKept);
}

// The store as RocksDB would be when its disk fails: flushes or compactions
// fail with the given status.
class FailingDb : public rocksdb::StackableDB {
 public:
  // Borrows `db`, which the fixture closes.
  FailingDb(rocksdb::DB& db, rocksdb::Status flush, rocksdb::Status compact)
      : rocksdb::StackableDB(
            std::shared_ptr<rocksdb::DB>(&db, [](rocksdb::DB*) {})),
        flush_(flush),
        compact_(compact) {}

  using rocksdb::StackableDB::CompactRange;
  using rocksdb::StackableDB::Flush;
  rocksdb::Status Flush(
      const rocksdb::FlushOptions& options,
      const std::vector<rocksdb::ColumnFamilyHandle*>& handles) override {
    if (!flush_.ok()) return flush_;
    return rocksdb::StackableDB::Flush(options, handles);
  }
  rocksdb::Status CompactRange(const rocksdb::CompactRangeOptions& options,
                               rocksdb::ColumnFamilyHandle* handle,
                               const rocksdb::Slice* begin,
                               const rocksdb::Slice* end) override {
    ++compactions_;
    if (!compact_.ok()) return compact_;
    return rocksdb::StackableDB::CompactRange(options, handle, begin, end);
  }
  int compactions() const { return compactions_; }

 private:
  rocksdb::Status flush_;
  rocksdb::Status compact_;
  int compactions_ = 0;
};

TEST_F(PurgeErasedBytesTest, AFailedFlushIsReportedAndNothingIsCompacted) {
  FailingDb failing(store_.db(), rocksdb::Status::IOError("gone"),
                    rocksdb::Status::OK());
  absl::Status status = PurgeErasedBytes(failing, store_.handles());
  EXPECT_EQ(status.code(), absl::StatusCode::kInternal);
  EXPECT_THAT(std::string(status.message()),
              HasSubstr("flushing after an erasure"));
  EXPECT_EQ(failing.compactions(), 0);
}

TEST_F(PurgeErasedBytesTest, AFailedCompactionStopsThePurgeWithItsCode) {
  FailingDb failing(store_.db(), rocksdb::Status::OK(),
                    rocksdb::Status::Corruption("bad block in a table"));
  absl::Status status = PurgeErasedBytes(failing, store_.handles());
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(status.message()),
              HasSubstr("compacting after an erasure"));
  // The first family's failure ends the purge.
  EXPECT_EQ(failing.compactions(), 1);
}

}  // namespace
}  // namespace yjinspect::common
