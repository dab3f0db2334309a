// common/storage/store_integrity.h through RocksDbStore::Open, which runs
// it, on real RocksDB folders: what is refused, and that a refusal leaves
// the folder as it was.

#include "common/storage/store_integrity.h"

#include <filesystem>
#include <fstream>
#include <map>

#include "common/storage/acknowledged_mark.h"
#include "common/storage/rocksdb_store.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

namespace yjinspect::common {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

RocksDbSchema Schema() {
  return {"the test store",
          {"default", "audit"},
          rocksdb::ColumnFamilyOptions(),
          1};
}

// Opens the store at `path`, writes `count` synced records, closes it.
void WriteSynced(const std::string& path, int count) {
  auto store = RocksDbStore::Open(path, Schema(), rocksdb::DBOptions());
  ASSERT_TRUE(store.ok()) << store.status();
  rocksdb::WriteOptions synced;
  synced.sync = true;
  for (int i = 0; i < count; ++i) {
    rocksdb::WriteBatch batch;
    ASSERT_TRUE(batch.Put("k" + std::to_string(i), "v").ok());
    ASSERT_TRUE((*store)->Write(synced, &batch).ok());
  }
}

std::map<std::string, uintmax_t> Listing(const std::string& folder) {
  std::map<std::string, uintmax_t> listing;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("LOG", 0) != 0) listing[name] = entry.file_size();
  }
  return listing;
}

TEST(StoreIntegrityTest, SyncedWritesMoveTheAcknowledgedMark) {
  testing::TempDir dir;
  WriteSynced(dir.Sub("db"), 3);
  EXPECT_EQ(ReadAcknowledgedMark(dir.Sub("db")), 3u);
}

TEST(StoreIntegrityTest, AStoreThatComesBackShortIsRefusedUntouched) {
  testing::TempDir dir;
  const std::string path = dir.Sub("db");
  WriteSynced(path, 3);
  // As if writes up to 10 had been acknowledged and their log lost.
  { ASSERT_TRUE(AcknowledgedMark::Open(path, 10).ok()); }
  const auto before = Listing(path);
  auto store = RocksDbStore::Open(path, Schema(), rocksdb::DBOptions());
  ASSERT_EQ(store.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(store.status().message(),
              HasSubstr("writes up to RocksDB sequence 3, but writes up to "
                        "10 were acknowledged"));
  EXPECT_THAT(store.status().message(), HasSubstr("docs/backups.md"));
  EXPECT_EQ(Listing(path), before);
  // The offline reader sees the same.
  EXPECT_EQ(CheckBeforeOpen(path, "the test store", false).status().code(),
            absl::StatusCode::kDataLoss);
}

TEST(StoreIntegrityTest, StoreFilesWithoutCurrentAreRefused) {
  testing::TempDir dir;
  const std::string path = dir.Sub("db");
  WriteSynced(path, 2);
  fs::remove(path + "/CURRENT");
  EXPECT_TRUE(HoldsStoreFiles(path));
  auto store = RocksDbStore::Open(path, Schema(), rocksdb::DBOptions());
  ASSERT_EQ(store.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(store.status().message(), HasSubstr("no CURRENT file"));
  EXPECT_FALSE(fs::exists(path + "/CURRENT"));
}

TEST(StoreIntegrityTest, AFolderWithoutStoreFilesIsANewStore) {
  // A fresh volume: lost+found and nothing of RocksDB's.
  testing::TempDir dir;
  const std::string path = dir.Sub("db");
  fs::create_directories(path + "/lost+found");
  EXPECT_FALSE(HoldsStoreFiles(path));
  EXPECT_TRUE(CheckStoreFiles(path, "the test store").ok());
  EXPECT_TRUE(RocksDbStore::Open(path, Schema(), rocksdb::DBOptions()).ok());
}

TEST(StoreIntegrityTest, LogsAreDescribedWithTheirSizes) {
  testing::TempDir dir;
  EXPECT_EQ(DescribeLogs(dir.path()), "no write-ahead log");
  std::ofstream(dir.Sub("000012.log")) << "1234";
  std::ofstream(dir.Sub("000009.log")) << "";
  EXPECT_EQ(DescribeLogs(dir.path()),
            "write-ahead logs: 000009.log, 0 bytes; 000012.log, 4 bytes");
}

TEST(StoreIntegrityTest, AReadOnlyStoreOpensEveryFamily) {
  testing::TempDir dir;
  WriteSynced(dir.Sub("db"), 1);
  auto store = ReadOnlyStore::Open(dir.Sub("db"), "the test store");
  ASSERT_TRUE(store.ok()) << store.status();
  EXPECT_NE((*store)->Family("audit"), nullptr);
  EXPECT_EQ((*store)->Family("nothing"), nullptr);
  EXPECT_TRUE(VerifyTables((*store)->db(), dir.Sub("db"), "x").ok());
}

}  // namespace
}  // namespace yjinspect::common
