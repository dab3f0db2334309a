// A tampered audit trail (issue: faults as tests, part 5). Records are
// edited, deleted, moved and cut from the end of a stopped intake server's
// store with RocksDB directly, as someone holding the folder could; the
// server is started again and `yjinspect audit verify` must name the first
// broken record. A cut tail leaves a valid chain: it is found only against
// a head noted outside the store, and each of the three places the server
// notes it (the log, the metric, a backup's metadata) is tried.

#include <regex>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/faults/fault_services.h"
#include "tests/faults/offline_store.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/metrics_scrape.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/unary_call.h"
#include "yjinspect/v1/admin_service.grpc.pb.h"
#include "yjinspect/v1/audit.pb.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::faults {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr int kExitDamaged = 5;

class AuditTamperTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto metrics_port = crash::PickFreePort();
    ASSERT_TRUE(metrics_port.ok()) << metrics_port.status();
    metrics_port_ = *metrics_port;
    auto intake = IntakeProcess(
        folder_.Sub("intake"), folder_.Sub("intake.log"),
        {"--backup_dir=" + folder_.Sub("backups"),
         absl::StrCat("--metrics_listen=127.0.0.1:", metrics_port_)});
    ASSERT_TRUE(intake.ok()) << intake.status();
    intake_ = *std::move(intake);
    ASSERT_TRUE(intake_->Start().ok());
    stub_ = v1::CaseIntake::NewStub(Dial(intake_->address()));
    auto created =
        testing::CallAs(kActor, *stub_, &v1::CaseIntake::Stub::CreateCase,
                        testing::ValidCreateCaseRequest());
    ASSERT_TRUE(created.ok()) << created.status();
  }

  static constexpr char kActor[] = "INSP-7";

  // One audited read of the case: one more audit record.
  void ReadCase() {
    v1::GetCaseRequest request;
    request.set_name("yots/northmoor/cases/NM-0001");
    ASSERT_TRUE(
        testing::CallAs(kActor, *stub_, &v1::CaseIntake::Stub::GetCase, request)
            .ok());
  }

  void ReadCases(int count) {
    for (int i = 0; i < count; ++i) ReadCase();
  }

  // A server with a client connected stops only once the connection's
  // graceful end times out (seconds): the test's own channel goes first.
  void StopIntake() {
    stub_.reset();
    ASSERT_EQ(intake_->Stop(), 0);
  }

  void StartIntake() {
    ASSERT_TRUE(intake_->Start().ok());
    stub_ = v1::CaseIntake::NewStub(Dial(intake_->address()));
  }

  // Stops the server cleanly, lets `tamper` change the store, starts it.
  template <typename Tamper>
  void TamperWhileStopped(Tamper tamper) {
    StopIntake();
    {
      auto store = OfflineStore::Open(folder_.Sub("intake"));
      ASSERT_TRUE(store.ok()) << store.status();
      tamper(**store);
    }
    StartIntake();
  }

  testing::CommandResult Verify(std::vector<std::string> more = {}) {
    std::vector<std::string> words = {"audit", "verify", "--service=intake"};
    words.insert(words.end(), more.begin(), more.end());
    return Yjinspect(words, intake_->address());
  }

  // The audit records as stored, by key order.
  static std::vector<std::pair<std::string, std::string>> Records(
      OfflineStore& store) {
    auto records = store.Scan("audit");
    EXPECT_TRUE(records.ok()) << records.status();
    return records.ok() ? *records
                        : std::vector<std::pair<std::string, std::string>>();
  }

  // The head the server's log last noted ("audit_head":"SEQ:HEX").
  std::string LastLoggedHead() const {
    const std::string log = ReadWholeFile(intake_->log_path());
    static const std::regex kHead("\"audit_head\":\"([0-9]+:[0-9a-f]*)\"");
    std::string last;
    for (auto it = std::sregex_iterator(log.begin(), log.end(), kHead);
         it != std::sregex_iterator(); ++it) {
      last = (*it)[1];
    }
    return last;
  }

  testing::TempDir folder_;
  int metrics_port_ = 0;
  std::unique_ptr<crash::ServiceProcess> intake_;
  std::unique_ptr<v1::CaseIntake::Stub> stub_;
};

TEST_F(AuditTamperTest, AnUntouchedTrailVerifies) {
  ReadCases(3);
  testing::CommandResult verified = Verify();
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
  EXPECT_THAT(verified.out, HasSubstr("intake: audit trail intact, 3 records"));
}

TEST_F(AuditTamperTest, AnEditedRecordIsNamed) {
  ReadCases(5);
  TamperWhileStopped([](OfflineStore& store) {
    v1::AuditRecord third;
    ASSERT_TRUE(third.ParseFromString(Records(store)[2].second));
    third.set_caller("INSP-9");  // the hash is left as it was
    ASSERT_TRUE(
        store.Put("audit", AuditKey(3), third.SerializeAsString()).ok());
  });
  testing::CommandResult verified = Verify();
  EXPECT_EQ(verified.exit_code, kExitDamaged) << verified.out << verified.err;
  EXPECT_THAT(verified.out,
              HasSubstr("audit trail BROKEN at record 3: record 3 does not "
                        "match its hash"));
}

TEST_F(AuditTamperTest, ADeletedRecordIsNamed) {
  ReadCases(5);
  TamperWhileStopped([](OfflineStore& store) {
    ASSERT_TRUE(store.Delete("audit", AuditKey(2)).ok());
  });
  testing::CommandResult verified = Verify();
  EXPECT_EQ(verified.exit_code, kExitDamaged) << verified.out << verified.err;
  EXPECT_THAT(verified.out,
              HasSubstr("audit trail BROKEN at record 2: record 2 is missing"));
}

TEST_F(AuditTamperTest, SwappedRecordsAreNamed) {
  ReadCases(5);
  TamperWhileStopped([](OfflineStore& store) {
    auto records = Records(store);
    ASSERT_TRUE(store.Put("audit", AuditKey(3), records[3].second).ok());
    ASSERT_TRUE(store.Put("audit", AuditKey(4), records[2].second).ok());
  });
  testing::CommandResult verified = Verify();
  EXPECT_EQ(verified.exit_code, kExitDamaged) << verified.out << verified.err;
  EXPECT_THAT(verified.out, HasSubstr("audit trail BROKEN at record 3: record "
                                      "3 says it is record 4"));
}

TEST_F(AuditTamperTest, ACutTailIsFoundAgainstTheHeadInTheLog) {
  ReadCases(6);
  // A clean stop logs the final head.
  StopIntake();
  const std::string noted = LastLoggedHead();
  ASSERT_THAT(noted, HasSubstr("6:"));
  StartIntake();
  TamperWhileStopped([](OfflineStore& store) {
    ASSERT_TRUE(store.Delete("audit", AuditKey(6)).ok());
    ASSERT_TRUE(store.Delete("audit", AuditKey(5)).ok());
  });
  // The chain alone cannot tell: what is left is a valid trail.
  testing::CommandResult alone = Verify();
  EXPECT_EQ(alone.exit_code, 0) << alone.out << alone.err;
  EXPECT_THAT(alone.out, HasSubstr("audit trail intact, 4 records"));
  // Against the head the log noted, it can.
  testing::CommandResult anchored = Verify({"--expect-head=" + noted});
  EXPECT_EQ(anchored.exit_code, kExitDamaged) << anchored.out << anchored.err;
  EXPECT_THAT(anchored.out,
              HasSubstr("audit trail BROKEN at record 5: the trail ends at "
                        "record 4 but record 6 was noted earlier"));
}

TEST_F(AuditTamperTest, ACutTailIsFoundAgainstTheMetric) {
  ReadCases(4);
  auto scraped = testing::ScrapeMetrics(metrics_port_);
  ASSERT_TRUE(scraped.ok()) << scraped.status();
  EXPECT_EQ(testing::SeriesValue(*scraped, "yjinspect_audit_head_sequence"),
            4.0);
  TamperWhileStopped([](OfflineStore& store) {
    ASSERT_TRUE(store.Delete("audit", AuditKey(4)).ok());
  });
  // The metric gives the sequence alone: the record's presence is checked.
  testing::CommandResult anchored = Verify({"--expect-head=4"});
  EXPECT_EQ(anchored.exit_code, kExitDamaged) << anchored.out << anchored.err;
  EXPECT_THAT(anchored.out, HasSubstr("audit trail BROKEN at record 4"));
}

TEST_F(AuditTamperTest, ACutTailIsFoundAgainstTheNewestBackup) {
  ReadCases(3);
  testing::CommandResult backup =
      Yjinspect({"backup", "--service=intake"}, intake_->address());
  ASSERT_EQ(backup.exit_code, 0) << backup.out << backup.err;
  ReadCases(2);
  // Before any tampering the trail holds the backup's head.
  testing::CommandResult before = Verify({"--against-backup"});
  EXPECT_EQ(before.exit_code, 0) << before.out << before.err;
  EXPECT_THAT(before.out, HasSubstr("holds record 3 as noted earlier"));

  TamperWhileStopped([](OfflineStore& store) {
    for (uint64_t sequence = 3; sequence <= 5; ++sequence) {
      ASSERT_TRUE(store.Delete("audit", AuditKey(sequence)).ok());
    }
  });
  testing::CommandResult after = Verify({"--against-backup"});
  EXPECT_EQ(after.exit_code, kExitDamaged) << after.out << after.err;
  EXPECT_THAT(after.out, HasSubstr("audit trail BROKEN at record 3"));
  EXPECT_THAT(after.out, Not(HasSubstr("intact")));
}

TEST_F(AuditTamperTest, AMalformedHeadIsAUsageError) {
  testing::CommandResult bad = Verify({"--expect-head=six:zz"});
  EXPECT_EQ(bad.exit_code, 2) << bad.out << bad.err;
  EXPECT_THAT(bad.err, HasSubstr("--expect-head must be SEQUENCE:HASH"));
  testing::CommandResult all =
      Yjinspect({"audit", "verify", "--expect-head=3"}, intake_->address());
  EXPECT_EQ(all.exit_code, 2) << all.out << all.err;
  EXPECT_THAT(all.err, HasSubstr("give --service=intake or"));
}

}  // namespace
}  // namespace yjinspect::faults
