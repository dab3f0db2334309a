// common/storage/rocksdb_status.h: the one conversion from RocksDB's status.
// The code decides what a client is told (and whether it retries), so each
// RocksDB code must land on the absl code its header documents.

#include "common/storage/rocksdb_status.h"

#include <string>

#include "common/error_details.h"
#include "common/error_reasons.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rocksdb/status.h"

namespace yjinspect::common {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

struct Mapping {
  const char* what;
  rocksdb::Status from;
  absl::StatusCode to;
};

class FromRocksDbTest : public ::testing::TestWithParam<Mapping> {};

TEST_P(FromRocksDbTest, MapsTheCodeAndKeepsContextAndDetail) {
  absl::Status status = FromRocksDb(GetParam().from, "reading case NM-0001");
  EXPECT_EQ(status.code(), GetParam().to) << GetParam().from.ToString();
  // What was being done, then RocksDB's own words.
  EXPECT_THAT(std::string(status.message()),
              StartsWith("reading case NM-0001: "));
  EXPECT_THAT(std::string(status.message()), HasSubstr("detail-7"));
}

INSTANTIATE_TEST_SUITE_P(
    Codes, FromRocksDbTest,
    ::testing::Values(
        Mapping{"NotFound", rocksdb::Status::NotFound("detail-7"),
                absl::StatusCode::kNotFound},
        // A damaged store: DATA_LOSS, never retried.
        Mapping{"Corruption", rocksdb::Status::Corruption("detail-7"),
                absl::StatusCode::kDataLoss},
        // Our own misuse of RocksDB: a broken invariant.
        Mapping{"InvalidArgument", rocksdb::Status::InvalidArgument("detail-7"),
                absl::StatusCode::kInternal},
        Mapping{"NotSupported", rocksdb::Status::NotSupported("detail-7"),
                absl::StatusCode::kInternal},
        // Passing conditions: the client may retry.
        Mapping{"Busy", rocksdb::Status::Busy("detail-7"),
                absl::StatusCode::kUnavailable},
        Mapping{"TimedOut", rocksdb::Status::TimedOut("detail-7"),
                absl::StatusCode::kUnavailable},
        Mapping{"TryAgain", rocksdb::Status::TryAgain("detail-7"),
                absl::StatusCode::kUnavailable},
        Mapping{"ShutdownInProgress",
                rocksdb::Status::ShutdownInProgress("detail-7"),
                absl::StatusCode::kUnavailable},
        Mapping{"Aborted", rocksdb::Status::Aborted("detail-7"),
                absl::StatusCode::kAborted},
        Mapping{"IOError", rocksdb::Status::IOError("detail-7"),
                absl::StatusCode::kInternal},
        // A full disk is for an operator to fix, and says so by its code.
        Mapping{"NoSpace", rocksdb::Status::NoSpace("detail-7"),
                absl::StatusCode::kResourceExhausted},
        // The rest: INTERNAL.
        Mapping{"Incomplete", rocksdb::Status::Incomplete("detail-7"),
                absl::StatusCode::kInternal},
        Mapping{"MergeInProgress", rocksdb::Status::MergeInProgress("detail-7"),
                absl::StatusCode::kInternal},
        Mapping{"ColumnFamilyDropped",
                rocksdb::Status::ColumnFamilyDropped("detail-7"),
                absl::StatusCode::kInternal}),
    [](const ::testing::TestParamInfo<Mapping>& param) {
      return std::string(param.param.what);
    });

TEST(RocksDbStatusTest, OkIsOkWithNoMessage) {
  absl::Status status = FromRocksDb(rocksdb::Status::OK(), "writing batch");
  EXPECT_TRUE(status.ok());
  EXPECT_TRUE(status.message().empty());
}

// An aborted write reaches a caller as a refusal a program can act on.
TEST(RocksDbStatusTest, AnAbortedWriteCarriesItsReason) {
  absl::Status status =
      FromRocksDb(rocksdb::Status::Aborted("detail-7"), "writing batch");
  EXPECT_EQ(status.code(), absl::StatusCode::kAborted);
  ASSERT_TRUE(ErrorInfoOf(status).has_value());
  EXPECT_EQ(ErrorInfoOf(status)->reason, kStorageAborted);
}

TEST(RocksDbStatusTest, AFullDiskSaysWhatToDoAndCarriesItsReason) {
  absl::Status status =
      FromRocksDb(rocksdb::Status::NoSpace("appending"), "writing batch");
  EXPECT_EQ(status.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_NE(status.message().find("free space or grow the volume"),
            std::string::npos);
  ASSERT_TRUE(ErrorInfoOf(status).has_value());
  EXPECT_EQ(ErrorInfoOf(status)->reason, kStoreDiskFull);
}

TEST(RocksDbStatusTest, AnIoErrorOtherThanNoSpaceStaysInternal) {
  // Same RocksDB code as NoSpace, another subcode.
  absl::Status status = FromRocksDb(
      rocksdb::Status::IOError(rocksdb::Status::kPathNotFound), "opening");
  EXPECT_EQ(status.code(), absl::StatusCode::kInternal);
}

}  // namespace
}  // namespace yjinspect::common
