// The backups desk: one backup at a time, what it records with each, and
// no backup after shutdown. The store is a stand-in that takes "backups"
// when the test lets it.

#include "common/admin/backup_desk.h"

#include <optional>
#include <string>

#include "absl/synchronization/notification.h"
#include "common/error_details.h"
#include "common/error_reasons.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace yjinspect::common {
namespace {

// Outcomes handed to `done`, waited for with a deadline.
class Outcome {
 public:
  BackupDesk::Done Callback() {
    return [this](absl::StatusOr<v1::Backup> outcome) {
      outcome_ = std::move(outcome);
      arrived_.Notify();
    };
  }
  absl::StatusOr<v1::Backup> Wait() {
    if (!arrived_.WaitForNotificationWithTimeout(absl::Seconds(30))) {
      return absl::DeadlineExceededError("no outcome");
    }
    return *outcome_;
  }
  bool arrived() const { return arrived_.HasBeenNotified(); }

 private:
  absl::Notification arrived_;
  std::optional<absl::StatusOr<v1::Backup>> outcome_;
};

class BackupDeskTest : public ::testing::Test {
 protected:
  BackupSubject Subject() {
    return BackupSubject{
        "intake", [] { return uint64_t{42}; },
        [this](const std::string& dir, const v1::BackupMetadata& metadata) {
          // The desk runs one backup at a time, so this cannot race.
          if (!started_.HasBeenNotified()) started_.Notify();
          release_.WaitForNotification();
          seen_dir_ = dir;
          v1::Backup backup;
          backup.set_backup_id(1);
          *backup.mutable_metadata() = metadata;
          return absl::StatusOr<v1::Backup>(backup);
        },
        [] {
          return absl::StatusOr<AuditChainHead>(
              AuditChainHead{7, std::string(kAuditHashBytes, 'h')});
        }};
  }

  absl::Notification started_;
  absl::Notification release_;
  std::string seen_dir_;
};

TEST_F(BackupDeskTest, ASecondBackupWhileOneRunsIsAborted) {
  BackupDesk desk(Subject(), "/backups/intake");
  Outcome first;
  desk.CreateBackup(v1::CreateBackupRequest(), "OPS-1", first.Callback());
  started_.WaitForNotification();

  Outcome second;
  desk.CreateBackup(v1::CreateBackupRequest(), "OPS-2", second.Callback());
  EXPECT_EQ(second.Wait().status().code(), absl::StatusCode::kAborted);
  EXPECT_THAT(second.Wait().status(), testing::HasReason(kBackupInProgress));
  Outcome verify;
  v1::VerifyBackupRequest request;
  request.set_backup_id(1);
  desk.VerifyBackup(request, verify.Callback());
  EXPECT_EQ(verify.Wait().status().code(), absl::StatusCode::kAborted);
  // Nor is the folder read while it is being written.
  EXPECT_EQ(desk.ListBackups().status().code(), absl::StatusCode::kAborted);
  EXPECT_THAT(desk.ListBackups().status(),
              testing::HasReason(kBackupInProgress));
  EXPECT_FALSE(first.arrived());

  release_.Notify();
  auto backup = first.Wait();
  ASSERT_TRUE(backup.ok()) << backup.status();
  EXPECT_EQ(seen_dir_, "/backups/intake");
  EXPECT_EQ(backup->metadata().service(), "intake");
  EXPECT_EQ(backup->metadata().change_log_sequence(), 42u);
  EXPECT_EQ(backup->metadata().requested_by(), "OPS-1");
  // The trail's head goes with the backup, away from the store.
  EXPECT_EQ(backup->metadata().audit_head().sequence(), 7u);
  EXPECT_EQ(backup->metadata().audit_head().hash(),
            std::string(kAuditHashBytes, 'h'));
  EXPECT_GT(backup->metadata().begin_time().seconds(), 0);
  // The stand-in wrote no folder: there is nothing to list, and no refusal.
  auto listed = desk.ListBackups();
  ASSERT_TRUE(listed.ok()) << listed.status();
  EXPECT_EQ(listed->backups_size(), 0);

  // Once answered, the next backup may start.
  Outcome third;
  desk.CreateBackup(v1::CreateBackupRequest(), "OPS-3", third.Callback());
  EXPECT_TRUE(third.Wait().ok());
}

TEST_F(BackupDeskTest, ShutdownWaitsForTheRunningBackupThenRefuses) {
  BackupDesk desk(Subject(), "/backups/intake");
  Outcome first;
  desk.CreateBackup(v1::CreateBackupRequest(), "OPS-1", first.Callback());
  started_.WaitForNotification();
  release_.Notify();
  desk.Shutdown();
  EXPECT_TRUE(first.arrived());
  EXPECT_TRUE(first.Wait().ok());

  Outcome late;
  desk.CreateBackup(v1::CreateBackupRequest(), "OPS-2", late.Callback());
  EXPECT_EQ(late.Wait().status().code(), absl::StatusCode::kUnavailable);
}

TEST_F(BackupDeskTest, WithoutAFolderEveryRequestIsAFailedPrecondition) {
  BackupDesk desk(Subject(), "");
  Outcome outcome;
  desk.CreateBackup(v1::CreateBackupRequest(), "OPS-1", outcome.Callback());
  EXPECT_EQ(outcome.Wait().status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(outcome.Wait().status(),
              testing::HasReason(kBackupsNotConfigured));
  EXPECT_THAT(outcome.Wait().status(),
              testing::ViolatesPrecondition("BACKUP_FOLDER", "intake"));
  EXPECT_FALSE(started_.HasBeenNotified());
  EXPECT_EQ(desk.ListBackups().status().code(),
            absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace yjinspect::common
