// Online backups through the Admin service, restored offline: a backup
// taken while clients keep writing holds everything acknowledged before it
// began, and a service started on the restored folder serves it.

#include <algorithm>
#include <atomic>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "common/storage/store_backups.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "services/findings/storage/findings_store.h"
#include "tests/integration/backup_fixture.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/sampled_caseload.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/wait_until.h"
#include "yjinspect/v1/findings_service.grpc.pb.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using testing::Call;
using testing::StubFor;

// Clients creating cases without pause, each case acknowledged (durable)
// before it is recorded.
class CaseWriters {
 public:
  CaseWriters(const std::string& address, int threads) {
    for (int t = 0; t < threads; ++t) {
      threads_.emplace_back([this, address, t] {
        auto stub = StubFor<v1::CaseIntake>(address);
        for (int i = 0; !stop_.load(); ++i) {
          auto request = testing::ValidCreateCaseRequest(
              t % 2 == 0 ? "northmoor" : "southvale",
              absl::StrFormat("W%d-%05d", t, i));
          auto created =
              Call(*stub, &v1::CaseIntake::Stub::CreateCase, request);
          if (!created.ok()) continue;
          absl::MutexLock lock(&mu_);
          acknowledged_.emplace(created->name(), *created);
        }
      });
    }
  }
  ~CaseWriters() { Stop(); }

  void Stop() {
    stop_.store(true);
    for (auto& thread : threads_) {
      if (thread.joinable()) thread.join();
    }
  }
  size_t Count() {
    absl::MutexLock lock(&mu_);
    return acknowledged_.size();
  }
  std::map<std::string, v1::Case> Acknowledged() {
    absl::MutexLock lock(&mu_);
    return acknowledged_;
  }

 private:
  std::atomic<bool> stop_{false};
  absl::Mutex mu_;
  std::map<std::string, v1::Case> acknowledged_ ABSL_GUARDED_BY(mu_);
  std::vector<std::thread> threads_;
};

TEST(IntakeBackupTest, BackupUnderLoadHoldsEveryCaseAcknowledgedBeforeIt) {
  testing::TempDir dir;
  auto intake = testing::StartIntake(dir.Sub("intake"), dir.Sub("backups"));
  ASSERT_TRUE(intake.ok()) << intake.status();
  auto admin = StubFor<v1::Admin>((*intake)->address());

  CaseWriters writers((*intake)->address(), 4);
  ASSERT_TRUE(testing::WaitUntil([&] { return writers.Count() >= 200; },
                                 absl::Seconds(60)));
  const std::map<std::string, v1::Case> before = writers.Acknowledged();
  auto backup = testing::CreateBackup(*admin);
  ASSERT_TRUE(backup.ok()) << backup.status();
  // The writers went on during the backup and after it.
  const size_t at_end_of_backup = writers.Count();
  ASSERT_TRUE(testing::WaitUntil(
      [&] { return writers.Count() >= at_end_of_backup + 50; },
      absl::Seconds(60)));
  writers.Stop();

  EXPECT_EQ(backup->metadata().service(), "intake");
  EXPECT_GE(backup->metadata().change_log_sequence(), before.size());
  EXPECT_GT(backup->file_count(), 0u);
  EXPECT_GT(backup->size_bytes(), 0u);

  common::RestoreRequest restore;
  restore.backup_dir = dir.Sub("backups");
  restore.data_dir = dir.Sub("restored");
  restore.service = "intake";
  auto restored = common::RestoreStoreBackup(restore);
  ASSERT_TRUE(restored.ok()) << restored.status();
  EXPECT_EQ(restored->backup_id(), backup->backup_id());

  // The restored store serves, beside the original one.
  auto again = testing::StartIntake(dir.Sub("restored"), "");
  ASSERT_TRUE(again.ok()) << again.status();
  auto stub = StubFor<v1::CaseIntake>((*again)->address());
  for (const auto& [name, created] : before) {
    v1::GetCaseRequest get;
    get.set_name(name);
    auto fetched = Call(*stub, &v1::CaseIntake::Stub::GetCase, get);
    ASSERT_TRUE(fetched.ok()) << name << ": " << fetched.status();
    EXPECT_TRUE(MessageDifferencer::Equals(*fetched, created)) << name;
  }

  // One consistent image: the change log is dense up to its head, which is
  // at least where it stood when the backup began, and every logged case is
  // stored.
  const uint64_t head = (*again)->store().HeadSequence();
  EXPECT_GE(head, backup->metadata().change_log_sequence());
  auto changes = (*again)->store().ReadChanges(0, head + 1);
  ASSERT_TRUE(changes.ok()) << changes.status();
  ASSERT_EQ(changes->size(), head);
  for (size_t i = 0; i < changes->size(); ++i) {
    const v1::Change& change = (*changes)[i];
    EXPECT_EQ(change.sequence(), i + 1);
    v1::GetCaseRequest get;
    get.set_name(change.case_stored().name());
    EXPECT_TRUE(Call(*stub, &v1::CaseIntake::Stub::GetCase, get).ok())
        << get.name();
  }

  // And it takes new cases, numbered after its head.
  auto created = Call(*stub, &v1::CaseIntake::Stub::CreateCase,
                      testing::ValidCreateCaseRequest("northmoor", "AFTER-1"));
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ((*again)->store().HeadSequence(), head + 1);
}

TEST(FindingsBackupTest, BackupUnderLoadHoldsTheSampleAndEveryJudgementBefore) {
  testing::TempDir dir;
  auto intake = testing::StartIntake(dir.Sub("intake"), "", /*sync=*/false);
  ASSERT_TRUE(intake.ok()) << intake.status();
  auto intake_stub = StubFor<v1::CaseIntake>((*intake)->address());
  auto caseload = testing::LoadSampledCaseload(*intake_stub);
  ASSERT_TRUE(caseload.ok()) << caseload.status();
  const std::vector<std::string>& sampled = caseload->sampled;
  ASSERT_GE(sampled.size(), 10u);

  auto findings = testing::StartFindings(
      dir.Sub("findings"), dir.Sub("backups"), (*intake)->address());
  ASSERT_TRUE(findings.ok()) << findings.status();
  const uint64_t intake_head = (*intake)->store().HeadSequence();
  ASSERT_TRUE(
      (*findings)->feed().WaitForCursor(intake_head, absl::Seconds(30)));
  auto findings_stub = StubFor<v1::Findings>((*findings)->address());
  auto admin = StubFor<v1::Admin>((*findings)->address());

  auto record = [&](const std::string& case_name, const std::string& answer) {
    v1::RecordJudgementsRequest request;
    request.set_inspection(caseload->inspection.name());
    request.set_case_(case_name);
    request.set_inspector_reference("INSP-01");
    v1::Judgement* judgement = request.add_judgements();
    judgement->set_criterion_id("2.5");
    judgement->set_answer(answer);
    return Call(*findings_stub, &v1::Findings::Stub::RecordJudgements, request);
  };
  // The first half of the sample is judged before the backup begins.
  std::map<std::string, v1::CaseFindings> before;
  const size_t half = sampled.size() / 2;
  for (size_t i = 0; i < half; ++i) {
    auto recorded =
        record(sampled[i], i % 2 == 0 ? "right" : "under_estimated");
    ASSERT_TRUE(recorded.ok()) << recorded.status();
    before.emplace(sampled[i], *recorded);
  }
  // The other half while the backup is taken.
  std::thread inspector([&] {
    for (size_t i = half; i < sampled.size(); ++i) {
      EXPECT_TRUE(record(sampled[i], "right").ok()) << sampled[i];
    }
  });
  auto backup = testing::CreateBackup(*admin);
  inspector.join();
  ASSERT_TRUE(backup.ok()) << backup.status();
  EXPECT_EQ(backup->metadata().service(), "findings");
  // Recording the first judgements started fieldwork at intake, which
  // findings follows too: its cursor is at least where intake stood.
  EXPECT_GE(backup->metadata().change_log_sequence(), intake_head);

  common::RestoreRequest restore;
  restore.backup_dir = dir.Sub("backups");
  restore.data_dir = dir.Sub("restored");
  auto restored = common::RestoreStoreBackup(restore);
  ASSERT_TRUE(restored.ok()) << restored.status();
  EXPECT_EQ(restored->metadata().service(), "findings");

  {
    // The restored store itself holds the sample, before any feed runs.
    auto store = findings::FindingsStore::Open({dir.Sub("restored")});
    ASSERT_TRUE(store.ok()) << store.status();
    EXPECT_GE((*store)->Cursor(), backup->metadata().change_log_sequence());
    auto cases = (*store)->AllCasesForTest();
    ASSERT_TRUE(cases.ok()) << cases.status();
    std::vector<std::string> names;
    for (const v1::Case& c : *cases) names.push_back(c.name());
    for (const std::string& name : sampled) {
      EXPECT_NE(std::find(names.begin(), names.end(), name), names.end())
          << name;
    }
  }

  auto again =
      testing::StartFindings(dir.Sub("restored"), "", (*intake)->address());
  ASSERT_TRUE(again.ok()) << again.status();
  auto again_stub = StubFor<v1::Findings>((*again)->address());
  for (const auto& [case_name, recorded] : before) {
    v1::GetCaseFindingsRequest get;
    get.set_name(recorded.name());
    auto fetched = Call(*again_stub, &v1::Findings::Stub::GetCaseFindings, get);
    ASSERT_TRUE(fetched.ok()) << case_name << ": " << fetched.status();
    EXPECT_TRUE(MessageDifferencer::Equals(*fetched, recorded)) << case_name;
  }
}

TEST(BackupListTest, ListsBackupsOldestFirstAndKeepsTheLatestAskedFor) {
  testing::TempDir dir;
  auto intake = testing::StartIntake(dir.Sub("intake"), dir.Sub("backups"),
                                     /*sync=*/false);
  ASSERT_TRUE(intake.ok()) << intake.status();
  auto admin = StubFor<v1::Admin>((*intake)->address());
  auto stub = StubFor<v1::CaseIntake>((*intake)->address());

  auto empty = testing::ListBackups(*admin);
  ASSERT_TRUE(empty.ok()) << empty.status();
  EXPECT_EQ(empty->backups_size(), 0);

  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(Call(*stub, &v1::CaseIntake::Stub::CreateCase,
                     testing::ValidCreateCaseRequest(
                         "northmoor", absl::StrFormat("NM-%d", i)))
                    .ok());
    auto backup = testing::CreateBackup(*admin, /*keep_latest=*/2);
    ASSERT_TRUE(backup.ok()) << backup.status();
    EXPECT_EQ(backup->backup_id(), static_cast<uint32_t>(i + 1));
    EXPECT_EQ(backup->metadata().change_log_sequence(),
              static_cast<uint64_t>(i + 1));
  }
  auto listed = testing::ListBackups(*admin);
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_EQ(listed->backups_size(), 2);
  EXPECT_EQ(listed->backups(0).backup_id(), 2u);
  EXPECT_EQ(listed->backups(1).backup_id(), 3u);
  EXPECT_EQ(listed->backups(1).metadata().change_log_sequence(), 3u);
  EXPECT_EQ(listed->corrupt_backup_ids_size(), 0);

  auto verified = testing::VerifyBackup(*admin, 3);
  ASSERT_TRUE(verified.ok()) << verified.status();
  EXPECT_EQ(verified->backup_id(), 3u);

  // Restoring an older backup gives the store as it was then.
  common::RestoreRequest restore;
  restore.backup_dir = dir.Sub("backups");
  restore.backup_id = 2;
  restore.data_dir = dir.Sub("restored");
  ASSERT_TRUE(common::RestoreStoreBackup(restore).ok());
  auto again = testing::StartIntake(dir.Sub("restored"), "");
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ((*again)->store().HeadSequence(), 2u);
}

}  // namespace
}  // namespace yjinspect
