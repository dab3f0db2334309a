#include "common/storage/store_condition.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace yjinspect::common {
namespace {

using ::testing::HasSubstr;

TEST(StoreConditionTest, AStoreStartsWritable) {
  StoreCondition condition;
  EXPECT_EQ(condition.writes_refused(), "");
  EXPECT_FALSE(condition.disk_full());
}

TEST(StoreConditionTest, AFullDiskRefusesUntilRecovered) {
  StoreCondition condition;
  rocksdb::Status error = rocksdb::Status::NoSpace("While appending to file");
  condition.OnBackgroundError(rocksdb::BackgroundErrorReason::kWriteCallback,
                              &error);
  EXPECT_THAT(condition.writes_refused(), HasSubstr("No space left"));
  EXPECT_TRUE(condition.disk_full());
  rocksdb::BackgroundErrorRecoveryInfo recovered;
  recovered.old_bg_error = error;
  condition.OnErrorRecoveryEnd(recovered);
  EXPECT_EQ(condition.writes_refused(), "");
  EXPECT_FALSE(condition.disk_full());
}

TEST(StoreConditionTest, AFailedRecoveryKeepsItsNewError) {
  StoreCondition condition;
  rocksdb::Status error = rocksdb::Status::NoSpace();
  condition.OnBackgroundError(rocksdb::BackgroundErrorReason::kFlush, &error);
  rocksdb::BackgroundErrorRecoveryInfo failed;
  failed.old_bg_error = error;
  failed.new_bg_error = rocksdb::Status::IOError("sync failed");
  condition.OnErrorRecoveryEnd(failed);
  EXPECT_THAT(condition.writes_refused(), HasSubstr("sync failed"));
  EXPECT_FALSE(condition.disk_full());
  error.PermitUncheckedError();
  failed.new_bg_error.PermitUncheckedError();
}

TEST(StoreConditionTest, ASuppressedErrorChangesNothing) {
  StoreCondition condition;
  rocksdb::Status none;
  condition.OnBackgroundError(rocksdb::BackgroundErrorReason::kCompaction,
                              &none);
  condition.OnBackgroundError(rocksdb::BackgroundErrorReason::kCompaction,
                              nullptr);
  EXPECT_EQ(condition.writes_refused(), "");
}

}  // namespace
}  // namespace yjinspect::common
