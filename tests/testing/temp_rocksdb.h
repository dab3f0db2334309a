#pragma once

// A real RocksDB in a temp folder for the storage layer's unit tests:
// opened through common::OpenRocksDb with the column families a test
// names, and closed (its family handles destroyed first) before the folder
// is removed.

#include <memory>
#include <string>
#include <vector>

#include "common/storage/rocksdb_open.h"
#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "tests/testing/temp_dir.h"

namespace yjinspect::testing {

class TempRocksDb {
 public:
  TempRocksDb() = default;
  TempRocksDb(const TempRocksDb&) = delete;
  TempRocksDb& operator=(const TempRocksDb&) = delete;
  ~TempRocksDb() {
    for (auto* handle : handles_) {
      EXPECT_TRUE(db_->DestroyColumnFamilyHandle(handle).ok());
    }
  }

  // `families` in the order handles() gives them, the default first. A
  // store that does not open fails the test.
  void Open(const rocksdb::DBOptions& options,
            const std::vector<rocksdb::ColumnFamilyDescriptor>& families) {
    ASSERT_TRUE(common::OpenRocksDb(path(), "the test store", options, families,
                                    /*filtered_families=*/{}, &db_, &handles_)
                    .ok());
  }

  std::string path() const { return dir_.Sub("store"); }
  rocksdb::DB& db() const { return *db_; }
  const std::vector<rocksdb::ColumnFamilyHandle*>& handles() const {
    return handles_;
  }

 private:
  TempDir dir_;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
};

}  // namespace yjinspect::testing
