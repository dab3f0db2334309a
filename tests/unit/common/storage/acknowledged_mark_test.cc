#include "common/storage/acknowledged_mark.h"

#include <fstream>

#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

namespace yjinspect::common {
namespace {

TEST(AcknowledgedMarkTest, AFolderWithoutAMarkHasNone) {
  testing::TempDir dir;
  EXPECT_EQ(ReadAcknowledgedMark(dir.path()), std::nullopt);
}

TEST(AcknowledgedMarkTest, OpeningWritesTheSequenceAndNotesOnlyMoveItOn) {
  testing::TempDir dir;
  auto mark = AcknowledgedMark::Open(dir.path(), 7);
  ASSERT_TRUE(mark.ok()) << mark.status();
  EXPECT_EQ(ReadAcknowledgedMark(dir.path()), 7u);
  (*mark)->Note(12);
  EXPECT_EQ(ReadAcknowledgedMark(dir.path()), 12u);
  (*mark)->Note(9);  // an older write: the mark never goes back
  EXPECT_EQ(ReadAcknowledgedMark(dir.path()), 12u);
  (*mark)->Note(123456789012345);
  EXPECT_EQ(ReadAcknowledgedMark(dir.path()), 123456789012345u);
}

TEST(AcknowledgedMarkTest, ReopeningRewritesInPlace) {
  testing::TempDir dir;
  { ASSERT_TRUE(AcknowledgedMark::Open(dir.path(), 900).ok()); }
  { ASSERT_TRUE(AcknowledgedMark::Open(dir.path(), 3).ok()); }
  EXPECT_EQ(ReadAcknowledgedMark(dir.path()), 3u);
}

TEST(AcknowledgedMarkTest, AnUnreadableMarkChecksNothing) {
  testing::TempDir dir;
  std::ofstream(dir.Sub(kAcknowledgedFile)) << "acknowledged 12x";
  EXPECT_EQ(ReadAcknowledgedMark(dir.path()), std::nullopt);
  std::ofstream(dir.Sub(kAcknowledgedFile)) << "";
  EXPECT_EQ(ReadAcknowledgedMark(dir.path()), std::nullopt);
}

TEST(AcknowledgedMarkTest, AFolderThatCannotHoldAMarkIsAnError) {
  testing::TempDir dir;
  EXPECT_FALSE(AcknowledgedMark::Open(dir.Sub("missing/folder"), 1).ok());
}

}  // namespace
}  // namespace yjinspect::common
