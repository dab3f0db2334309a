// What the Admin service and the restore refuse, and why: a server without
// a backup folder, malformed requests, unknown or damaged backups, a folder
// holding another service's backups, and restores that would overwrite a
// store or restore the wrong service.

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "common/field_violations.h"
#include "common/storage/store_backups.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/backup_fixture.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/temp_dir.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect {
namespace {

using ::testing::ElementsAre;
using testing::StubFor;

std::vector<std::string> FieldsOf(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const auto& v : common::ViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

// A CreateBackup refused as FAILED_PRECONDITION, its message naming `why`.
void ExpectBackupRefused(v1::Admin::Stub& admin, const std::string& why) {
  auto backup = testing::CreateBackup(admin);
  EXPECT_EQ(backup.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(backup.status().message()),
              ::testing::HasSubstr(why));
}

// An intake server with a backup folder, holding one case and one backup.
class BackedUpIntake : public ::testing::Test {
 protected:
  void SetUp() override {
    auto started = testing::StartIntake(dir_.Sub("intake"), backup_dir(),
                                        /*sync=*/false);
    ASSERT_TRUE(started.ok()) << started.status();
    intake_ = std::move(*started);
    admin_ = StubFor<v1::Admin>(intake_->address());
    auto stub = StubFor<v1::CaseIntake>(intake_->address());
    ASSERT_TRUE(testing::Call(*stub, &v1::CaseIntake::Stub::CreateCase,
                              testing::ValidCreateCaseRequest())
                    .ok());
    auto backup = testing::CreateBackup(*admin_);
    ASSERT_TRUE(backup.ok()) << backup.status();
    ASSERT_EQ(backup->backup_id(), 1u);
  }

  std::string backup_dir() const { return dir_.Sub("backups"); }

  common::RestoreRequest Restore(const std::string& data_dir) const {
    common::RestoreRequest request;
    request.backup_dir = backup_dir();
    request.data_dir = data_dir;
    return request;
  }

  testing::TempDir dir_;
  std::unique_ptr<intake::IntakeServer> intake_;
  std::unique_ptr<v1::Admin::Stub> admin_;
};

TEST(BackupRefusalTest, AServerWithoutABackupFolderRefusesBackups) {
  testing::TempDir dir;
  auto intake = testing::StartIntake(dir.Sub("intake"), "", false);
  ASSERT_TRUE(intake.ok()) << intake.status();
  auto admin = StubFor<v1::Admin>((*intake)->address());
  ExpectBackupRefused(*admin, "--backup_dir");
  EXPECT_EQ(testing::ListBackups(*admin).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(testing::VerifyBackup(*admin, 1).status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_FALSE(std::filesystem::exists(dir.Sub("backups")));
}

TEST_F(BackedUpIntake, KeepingMoreThanAThousandBackupsIsInvalid) {
  auto backup = testing::CreateBackup(*admin_, 1001);
  EXPECT_EQ(backup.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(FieldsOf(backup.status()), ElementsAre("keep_latest"));
  auto listed = testing::ListBackups(*admin_);
  ASSERT_TRUE(listed.ok()) << listed.status();
  EXPECT_EQ(listed->backups_size(), 1);
}

TEST_F(BackedUpIntake, VerifyingWithoutABackupIdIsInvalid) {
  auto verified = testing::VerifyBackup(*admin_, 0);
  EXPECT_EQ(verified.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(FieldsOf(verified.status()), ElementsAre("backup_id"));
}

TEST_F(BackedUpIntake, VerifyingAnUnknownBackupIsNotFound) {
  EXPECT_EQ(testing::VerifyBackup(*admin_, 7).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(BackedUpIntake, VerifyingADamagedBackupIsDataLoss) {
  ASSERT_TRUE(testing::VerifyBackup(*admin_, 1).ok());
  // Flip a byte in the middle of each of the backup's table files.
  int damaged = 0;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(backup_dir())) {
    if (entry.path().extension() != ".sst") continue;
    std::fstream file(entry.path(),
                      std::ios::in | std::ios::out | std::ios::binary);
    const auto middle = static_cast<std::streamoff>(entry.file_size() / 2);
    file.seekg(middle);
    char byte = 0;
    file.get(byte);
    file.seekp(middle);
    file.put(static_cast<char>(byte ^ 0x5a));
    ++damaged;
  }
  // The backup copied the memtable's WAL: no table file to damage means
  // the damage goes into the log instead.
  if (damaged == 0) {
    for (const auto& entry :
         std::filesystem::recursive_directory_iterator(backup_dir())) {
      if (entry.path().extension() != ".log") continue;
      std::ofstream(entry.path(), std::ios::app | std::ios::binary) << "x";
      ++damaged;
    }
  }
  ASSERT_GT(damaged, 0);
  EXPECT_EQ(testing::VerifyBackup(*admin_, 1).status().code(),
            absl::StatusCode::kDataLoss);
}

TEST_F(BackedUpIntake, AFolderOfAnotherServicesBackupsIsRefused) {
  auto findings = testing::StartFindings(dir_.Sub("findings"), backup_dir(),
                                         intake_->address());
  ASSERT_TRUE(findings.ok()) << findings.status();
  auto admin = StubFor<v1::Admin>((*findings)->address());
  ExpectBackupRefused(*admin, "intake");
}

TEST_F(BackedUpIntake, RestoringIntoAFolderThatHoldsAnythingIsRefused) {
  const std::string target = dir_.Sub("occupied");
  std::filesystem::create_directories(target);
  std::ofstream(target + "/CURRENT") << "keep me";
  auto restored = common::RestoreStoreBackup(Restore(target));
  EXPECT_EQ(restored.status().code(), absl::StatusCode::kFailedPrecondition);
  std::ifstream kept(target + "/CURRENT");
  std::string content;
  std::getline(kept, content);
  EXPECT_EQ(content, "keep me");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(target),
                          std::filesystem::directory_iterator()),
            1);
}

TEST_F(BackedUpIntake, RestoringOverTheRunningStoreIsRefused) {
  auto restored = common::RestoreStoreBackup(Restore(dir_.Sub("intake")));
  EXPECT_EQ(restored.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST_F(BackedUpIntake, RestoringAnUnknownBackupIsNotFound) {
  common::RestoreRequest request = Restore(dir_.Sub("restored"));
  request.backup_id = 9;
  EXPECT_EQ(common::RestoreStoreBackup(request).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(dir_.Sub("restored")));
}

TEST_F(BackedUpIntake, RestoringFromAMissingFolderIsNotFound) {
  common::RestoreRequest request = Restore(dir_.Sub("restored"));
  request.backup_dir = dir_.Sub("no-such-backups");
  EXPECT_EQ(common::RestoreStoreBackup(request).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(BackedUpIntake, RestoringAnotherServicesBackupIsRefused) {
  common::RestoreRequest request = Restore(dir_.Sub("restored"));
  request.service = "findings";
  EXPECT_EQ(common::RestoreStoreBackup(request).status().code(),
            absl::StatusCode::kFailedPrecondition);
  request.service = "intake";
  auto restored = common::RestoreStoreBackup(request);
  ASSERT_TRUE(restored.ok()) << restored.status();
  EXPECT_EQ(restored->backup_id(), 1u);
}

}  // namespace
}  // namespace yjinspect
