#include "cli/json_output.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "yjinspect/v1/admin_service.pb.h"

namespace yjinspect::cli {
namespace {

TEST(MessageJson, UsesTheProtoFieldNames) {
  v1::Backup backup;
  backup.set_backup_id(3);
  backup.set_file_count(12);
  backup.mutable_metadata()->set_change_log_sequence(41);
  const nlohmann::json parsed = nlohmann::json::parse(MessageJson(backup));
  EXPECT_EQ(parsed.at("backup_id"), 3);
  EXPECT_EQ(parsed.at("file_count"), 12);
  // 64-bit integers are strings in protobuf's JSON mapping.
  EXPECT_EQ(parsed.at("metadata").at("change_log_sequence"), "41");
  EXPECT_FALSE(parsed.contains("backupId"));
}

TEST(MessageJson, AnEmptyMessageIsAnEmptyObject) {
  EXPECT_EQ(MessageJson(v1::Backup()), "{}");
}

TEST(MessageJson, IsOneLineForLineOrientedReaders) {
  v1::Backup backup;
  backup.set_backup_id(1);
  backup.mutable_metadata()->set_service("findings");
  EXPECT_THAT(MessageJson(backup), ::testing::Not(::testing::HasSubstr("\n")));
}

}  // namespace
}  // namespace yjinspect::cli
