// services/intake/audit_records.h on a real intake store: a record is
// appended, sealed onto the hash chain, before the call is answered, and it
// survives a restart; a record that cannot be written is reported, never
// dropped in silence, and the call then answers UNAVAILABLE.

#include "services/intake/audit_records.h"

#include <string>
#include <vector>

#include "common/audit/audit_chain.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/matchers.h"
#include "tests/unit/intake/intake_domain_fixture.h"

namespace yjinspect::intake {
namespace {

common::AuditEvent ReadOf(const std::string& resource) {
  return {"caller-7", "inspector", "req-0007", v1::AUDIT_ACTION_READ_CASE,
          resource};
}

class AuditRecordsTest : public IntakeDomainTest {
 protected:
  absl::Status Record(const common::AuditEvent& event,
                      const absl::Status& outcome) {
    return Await<absl::Status>([&](auto done) {
      RecordAudit(*store_, event, outcome, std::move(done));
    });
  }
};

TEST_F(AuditRecordsTest, ARecordSaysWhoDidWhatToWhichResourceAndHow) {
  ASSERT_TRUE(Record(ReadOf("yots/northmoor/cases/NM-0001"),
                     absl::NotFoundError("no such case"))
                  .ok());
  // Durable once answered: the record is there to read at once.
  auto records = AuditRecords();
  ASSERT_EQ(records.size(), 1u);
  const v1::AuditRecord& record = records[0];
  EXPECT_EQ(record.sequence(), 1u);
  EXPECT_EQ(record.caller(), "caller-7");
  EXPECT_EQ(record.role(), "inspector");
  EXPECT_EQ(record.request_id(), "req-0007");
  EXPECT_EQ(record.action(), v1::AUDIT_ACTION_READ_CASE);
  EXPECT_EQ(record.resource(), "yots/northmoor/cases/NM-0001");
  EXPECT_EQ(record.outcome(), static_cast<int>(absl::StatusCode::kNotFound));
  EXPECT_TRUE(record.has_time());
  EXPECT_EQ(record.hash(), common::AuditRecordHash(record));
  // The outcome's message is not recorded: it may quote the request.
  EXPECT_THAT(record.DebugString(), ::testing::Not(HasSubstr("no such")));
}

TEST_F(AuditRecordsTest, RecordsFormAnUnbrokenChainThatSurvivesARestart) {
  ASSERT_TRUE(Record(ReadOf("yots/northmoor/cases/A"), absl::OkStatus()).ok());
  ASSERT_TRUE(Record(ReadOf("yots/northmoor/cases/B"), absl::OkStatus()).ok());
  Reopen();
  ASSERT_TRUE(Record(ReadOf("yots/northmoor/cases/C"),
                     absl::PermissionDeniedError("not the caller's YOT"))
                  .ok());
  auto entries = store_->ReadAuditEntries(0, 100);
  ASSERT_TRUE(entries.ok()) << entries.status();
  common::AuditChainVerifier chain;
  for (const auto& entry : *entries) chain.Add(entry.sequence, entry.bytes);
  EXPECT_TRUE(chain.intact()) << chain.problem();
  EXPECT_EQ(chain.record_count(), 3u);
  auto records = AuditRecords();
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].resource(), "yots/northmoor/cases/A");
  EXPECT_EQ(records[2].resource(), "yots/northmoor/cases/C");
  EXPECT_EQ(records[2].previous_hash(), records[1].hash());
  EXPECT_EQ(records[2].outcome(),
            static_cast<int>(absl::StatusCode::kPermissionDenied));
}

TEST_F(AuditRecordsTest, ARecordTheStoreRefusesIsReportedNotDropped) {
  store_->Close();
  absl::Status written = Record(ReadOf("-"), absl::OkStatus());
  EXPECT_EQ(written.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(AuditRecords(), IsEmpty());
}

TEST(UnauditedCallTest, IsUnavailableSayingWhyAndToRetry) {
  absl::Status answer =
      UnauditedCall(absl::UnavailableError("the store is closed"));
  EXPECT_EQ(answer.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(answer.message(), HasSubstr("audit trail"));
  EXPECT_THAT(answer.message(), HasSubstr("the store is closed"));
  EXPECT_THAT(answer.message(), HasSubstr("retry"));
  // Whatever the write's own code: the caller may retry.
  EXPECT_EQ(UnauditedCall(absl::DataLossError("corrupt")).code(),
            absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace yjinspect::intake
