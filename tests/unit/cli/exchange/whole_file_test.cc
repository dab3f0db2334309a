#include "cli/exchange/whole_file.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace yjinspect::cli::exchange {
namespace {

using ::testing::HasSubstr;

TEST(WholeFileTest, WhatIsWrittenIsReadBackByteForByte) {
  testing::TempDir dir;
  const std::string path = dir.Sub("sheet.csv");
  const std::string text("case,etag\r\n\0binary\xEF\xBB\xBF", 21);
  ASSERT_TRUE(WriteWholeFile(path, text).ok());
  auto read = ReadWholeFile(path);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, text);
  // Writing again replaces the file.
  ASSERT_TRUE(WriteWholeFile(path, "short").ok());
  EXPECT_EQ(*ReadWholeFile(path), "short");
}

TEST(WholeFileTest, AMissingFileIsNotFoundWithTheSystemsReason) {
  testing::TempDir dir;
  auto read = ReadWholeFile(dir.Sub("absent.csv"));
  EXPECT_THAT(read.status(),
              testing::StatusIs(absl::StatusCode::kNotFound,
                                HasSubstr("No such file or directory")));
}

TEST(WholeFileTest, AFolderThatIsNotThereIsNotFoundWhenWriting) {
  testing::TempDir dir;
  absl::Status written = WriteWholeFile(dir.Sub("no-folder/out.csv"), "x");
  EXPECT_THAT(written, testing::StatusIs(absl::StatusCode::kNotFound,
                                         HasSubstr("cannot write")));
}

TEST(WholeFileTest, AFullDiskIsResourceExhausted) {
  absl::Status written = WriteWholeFile("/dev/full", std::string(1 << 17, 'x'));
  EXPECT_THAT(written, testing::StatusIs(absl::StatusCode::kResourceExhausted,
                                         HasSubstr("No space left on device")));
}

}  // namespace
}  // namespace yjinspect::cli::exchange
