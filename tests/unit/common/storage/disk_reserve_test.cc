#include "common/storage/disk_reserve.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

namespace yjinspect::common {
namespace {

using ::testing::HasSubstr;

TEST(DiskReserveTest, NoReserveNeverRefuses) {
  testing::TempDir dir;
  DiskReserve reserve(dir.path(), 0);
  EXPECT_TRUE(reserve.Check().ok());
}

TEST(DiskReserveTest, ASmallReserveOnAVolumeWithRoomPasses) {
  testing::TempDir dir;
  DiskReserve reserve(dir.path(), 1);
  EXPECT_TRUE(reserve.Check().ok());
}

TEST(DiskReserveTest, AReserveLargerThanTheVolumeRefusesAsNoSpace) {
  testing::TempDir dir;
  DiskReserve reserve(dir.path(), uint64_t{1} << 62);
  rocksdb::Status room = reserve.Check();
  ASSERT_TRUE(room.IsNoSpace()) << room.ToString();
  EXPECT_THAT(room.ToString(),
              HasSubstr("MiB free on the volume of " + dir.path()));
  EXPECT_THAT(room.ToString(),
              HasSubstr("kept in reserve (--min_free_disk_mb)"));
}

TEST(DiskReserveTest, AnUnreadableVolumeIsLeftToRocksDb) {
  DiskReserve reserve("/no/such/folder/anywhere", uint64_t{1} << 62);
  EXPECT_TRUE(reserve.Check().ok());
}

}  // namespace
}  // namespace yjinspect::common
