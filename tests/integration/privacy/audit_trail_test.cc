// The audit trails through real gRPC: which calls leave a record, what the
// record says (and does not), filters, and tampering found after a restart.

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "tests/integration/findings_fixture.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/intake_harness.h"
#include "tests/testing/unary_call.h"
#include "yjinspect/v1/audit.grpc.pb.h"

namespace yjinspect {
namespace {

// A call as a named caller with a request id, as the CLI makes it.
template <typename Stub, typename Request, typename Response>
absl::StatusOr<Response> CallAs(
    const std::string& actor, const std::string& request_id, Stub& stub,
    grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&,
                                 Response*),
    const Request& request) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  context.AddMetadata("x-yjinspect-actor", actor);
  context.AddMetadata("x-request-id", request_id);
  Response response;
  grpc::Status status = (stub.*method)(&context, request, &response);
  if (!status.ok()) return common::FromGrpcStatus(status);
  return response;
}

std::vector<v1::AuditRecord> Records(
    const std::shared_ptr<grpc::Channel>& channel,
    v1::ListAuditRecordsRequest request = {}) {
  auto stub = v1::AuditTrail::NewStub(channel);
  std::vector<v1::AuditRecord> out;
  do {
    auto page =
        testing::Call(*stub, &v1::AuditTrail::Stub::ListAuditRecords, request);
    EXPECT_TRUE(page.ok()) << page.status();
    if (!page.ok()) break;
    out.insert(out.end(), page->records().begin(), page->records().end());
    request.set_page_token(page->next_page_token());
  } while (!request.page_token().empty());
  return out;
}

v1::VerifyAuditChainResponse Verify(
    const std::shared_ptr<grpc::Channel>& channel) {
  auto stub = v1::AuditTrail::NewStub(channel);
  auto verified = testing::Call(*stub, &v1::AuditTrail::Stub::VerifyAuditChain,
                                v1::VerifyAuditChainRequest());
  EXPECT_TRUE(verified.ok()) << verified.status();
  return verified.ok() ? *verified : v1::VerifyAuditChainResponse();
}

std::string SequenceKey(uint64_t sequence) {
  std::string key;
  for (int shift = 56; shift >= 0; shift -= 8) {
    key.push_back(static_cast<char>((sequence >> shift) & 0xff));
  }
  return key;
}

// Opens a stopped service's RocksDB folder as an intruder would and hands
// `tamper` the audit family.
void TamperWithAudit(
    const std::string& path,
    const std::function<void(rocksdb::DB*, rocksdb::ColumnFamilyHandle*)>&
        tamper) {
  std::vector<std::string> names;
  ASSERT_TRUE(
      rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path, &names).ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const auto& name : names) {
    descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  ASSERT_TRUE(
      rocksdb::DB::Open(rocksdb::DBOptions(), path, descriptors, &handles, &raw)
          .ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  rocksdb::ColumnFamilyHandle* audit = nullptr;
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == "audit") audit = handles[i];
  }
  ASSERT_NE(audit, nullptr);
  tamper(db.get(), audit);
  for (auto* handle : handles) db->DestroyColumnFamilyHandle(handle);
}

// Rewrites record `sequence` with another resource name (keeping its hash).
void EditRecord(const std::string& path, uint64_t sequence) {
  TamperWithAudit(path, [&](rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf) {
    std::string bytes;
    ASSERT_TRUE(
        db->Get(rocksdb::ReadOptions(), cf, SequenceKey(sequence), &bytes)
            .ok());
    v1::AuditRecord record;
    ASSERT_TRUE(record.ParseFromString(bytes));
    record.set_resource("yots/northmoor/cases/SOMEONE-ELSE");
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), cf, SequenceKey(sequence),
                        record.SerializeAsString())
                    .ok());
  });
}

void RemoveRecord(const std::string& path, uint64_t sequence) {
  TamperWithAudit(path, [&](rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf) {
    ASSERT_TRUE(
        db->Delete(rocksdb::WriteOptions(), cf, SequenceKey(sequence)).ok());
  });
}

class IntakeAuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* id : {"NM-0001", "NM-0002"}) {
      auto created =
          testing::Call(intake_.stub(), &v1::CaseIntake::Stub::CreateCase,
                        testing::ValidCreateCaseRequest("northmoor", id));
      ASSERT_TRUE(created.ok()) << created.status();
    }
  }

  absl::StatusOr<v1::Case> GetAs(const std::string& actor,
                                 const std::string& request_id,
                                 const std::string& name) {
    v1::GetCaseRequest request;
    request.set_name(name);
    return CallAs(actor, request_id, intake_.stub(),
                  &v1::CaseIntake::Stub::GetCase, request);
  }

  // Four reads of NM-0001 by insp-anna, requests r0 to r3: four records.
  void ReadFourTimes() {
    for (int i = 0; i < 4; ++i) {
      ASSERT_TRUE(GetAs("insp-anna", absl::StrCat("r", i),
                        "yots/northmoor/cases/NM-0001")
                      .ok());
    }
  }

  // The chain's verification after `tamper` changed the stopped service's
  // store (as an intruder with the disk would) and a restart.
  v1::VerifyAuditChainResponse VerifyAfter(
      const std::function<void(const std::string& data_dir)>& tamper) {
    intake_.Stop();
    tamper(intake_.data_dir());
    intake_.Start();
    return Verify(intake_.channel());
  }

  testing::IntakeHarness intake_{/*sync=*/false};
};

TEST_F(IntakeAuditTest, ReadsOfCasesAreRecordedWithCallerAndOutcome) {
  ASSERT_TRUE(GetAs("insp-anna", "req-1", "yots/northmoor/cases/NM-0001").ok());
  EXPECT_EQ(GetAs("insp-anna", "req-2", "yots/northmoor/cases/NM-9999")
                .status()
                .code(),
            absl::StatusCode::kNotFound);
  v1::ListCasesRequest list;
  list.set_parent("yots/northmoor");
  ASSERT_TRUE(CallAs("insp-ben", "req-3", intake_.stub(),
                     &v1::CaseIntake::Stub::ListCases, list)
                  .ok());

  auto records = Records(intake_.channel());
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].sequence(), 1u);
  EXPECT_EQ(records[0].action(), v1::AUDIT_ACTION_READ_CASE);
  EXPECT_EQ(records[0].caller(), "insp-anna");
  EXPECT_EQ(records[0].request_id(), "req-1");
  EXPECT_EQ(records[0].resource(), "yots/northmoor/cases/NM-0001");
  EXPECT_EQ(records[0].outcome(), 0);
  EXPECT_EQ(records[1].outcome(),
            static_cast<int>(absl::StatusCode::kNotFound));
  EXPECT_EQ(records[2].action(), v1::AUDIT_ACTION_LIST_CASES);
  EXPECT_EQ(records[2].resource(), "yots/northmoor");
  EXPECT_EQ(records[2].caller(), "insp-ben");
  EXPECT_TRUE(Verify(intake_.channel()).intact());
}

TEST_F(IntakeAuditTest, ErasureIsRecordedWithoutItsReasonOrContent) {
  v1::DeleteCaseRequest erase;
  erase.set_name("yots/northmoor/cases/NM-0001");
  erase.set_reason("QZREASON retention period ended");
  ASSERT_TRUE(CallAs("yot-admin", "req-9", intake_.stub(),
                     &v1::CaseIntake::Stub::DeleteCase, erase)
                  .ok());
  // Erasing it again is refused, and that is recorded too.
  EXPECT_EQ(CallAs("yot-admin", "req-10", intake_.stub(),
                   &v1::CaseIntake::Stub::DeleteCase, erase)
                .status()
                .code(),
            absl::StatusCode::kNotFound);
  v1::ListAuditRecordsRequest filter;
  filter.set_action(v1::AUDIT_ACTION_ERASE_CASE);
  auto records = Records(intake_.channel(), filter);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].resource(), "yots/northmoor/cases/NM-0001");
  EXPECT_EQ(records[0].outcome(), 0);
  EXPECT_EQ(records[1].outcome(),
            static_cast<int>(absl::StatusCode::kNotFound));
  for (const auto& record : records) {
    EXPECT_EQ(record.SerializeAsString().find("QZREASON"), std::string::npos);
  }
}

TEST_F(IntakeAuditTest, ListFiltersByResourceCallerAndPages) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(GetAs(i % 2 == 0 ? "insp-anna" : "insp-ben",
                      absl::StrCat("r", i), "yots/northmoor/cases/NM-0001")
                    .ok());
  }
  ASSERT_TRUE(GetAs("insp-anna", "r9", "yots/northmoor/cases/NM-0002").ok());
  v1::ListAuditRecordsRequest by_caller;
  by_caller.set_caller("insp-anna");
  by_caller.set_page_size(2);  // pages of two: the token carries on
  EXPECT_EQ(Records(intake_.channel(), by_caller).size(), 4u);
  v1::ListAuditRecordsRequest by_resource;
  by_resource.set_resource("yots/northmoor/cases/NM-0002");
  auto records = Records(intake_.channel(), by_resource);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].request_id(), "r9");
}

TEST_F(IntakeAuditTest, EditedRecordIsFoundAfterRestart) {
  ASSERT_NO_FATAL_FAILURE(ReadFourTimes());
  ASSERT_TRUE(Verify(intake_.channel()).intact());
  auto verified =
      VerifyAfter([](const std::string& dir) { EditRecord(dir, 2); });
  EXPECT_FALSE(verified.intact());
  EXPECT_EQ(verified.broken_at_sequence(), 2u) << verified.problem();
  EXPECT_EQ(verified.record_count(), 4u);
  // New records still go on the end of the trail.
  ASSERT_TRUE(GetAs("insp-anna", "r5", "yots/northmoor/cases/NM-0001").ok());
  EXPECT_EQ(Verify(intake_.channel()).record_count(), 5u);
}

TEST_F(IntakeAuditTest, RemovedRecordIsFoundAfterRestart) {
  ASSERT_NO_FATAL_FAILURE(ReadFourTimes());
  auto verified =
      VerifyAfter([](const std::string& dir) { RemoveRecord(dir, 3); });
  EXPECT_FALSE(verified.intact());
  EXPECT_EQ(verified.broken_at_sequence(), 3u) << verified.problem();
}

class FindingsAuditTest : public FindingsTest {
 protected:
  std::shared_ptr<grpc::Channel> FindingsChannel() {
    return grpc::CreateChannel(findings_.server().address(),
                               grpc::InsecureChannelCredentials());
  }
};

TEST_F(FindingsAuditTest, JudgementChangesReadsAndOverridesAreRecorded) {
  const std::string case_name = caseload_.sampled[0];
  auto recorded =
      CallAs("insp-anna", "req-1", findings_.stub(),
             &v1::Findings::Stub::RecordJudgements, ValidRecording(case_name));
  ASSERT_TRUE(recorded.ok()) << recorded.status();
  v1::GetCaseFindingsRequest get;
  get.set_name(FindingsName(case_name));
  ASSERT_TRUE(CallAs("insp-ben", "req-2", findings_.stub(),
                     &v1::Findings::Stub::GetCaseFindings, get)
                  .ok());
  // A stale etag is refused, and the refusal is recorded.
  v1::RecordJudgementsRequest stale = ValidRecording(case_name);
  stale.mutable_judgements(1)->set_evidence_note("A different note.");
  stale.set_etag("stale");
  EXPECT_EQ(CallAs("insp-anna", "req-3", findings_.stub(),
                   &v1::Findings::Stub::RecordJudgements, stale)
                .status()
                .code(),
            absl::StatusCode::kAborted);

  // The trail starts with the sample as received from intake's stream: a
  // record per sampled case, by the stream, before any call.
  std::vector<v1::AuditRecord> records;
  std::set<std::string> received;
  for (const auto& record : Records(FindingsChannel())) {
    if (record.action() == v1::AUDIT_ACTION_RECEIVE_CASE) {
      EXPECT_TRUE(records.empty()) << "received after a call";
      EXPECT_EQ(record.caller(), "intake-stream");
      received.insert(record.resource());
    } else {
      records.push_back(record);
    }
  }
  EXPECT_EQ(received, std::set<std::string>(caseload_.sampled.begin(),
                                            caseload_.sampled.end()));
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].action(), v1::AUDIT_ACTION_RECORD_JUDGEMENTS);
  EXPECT_EQ(records[0].resource(), FindingsName(case_name));
  EXPECT_EQ(records[0].caller(), "insp-anna");
  EXPECT_EQ(records[0].outcome(), 0);
  EXPECT_EQ(records[1].action(), v1::AUDIT_ACTION_READ_CASE_FINDINGS);
  EXPECT_EQ(records[1].caller(), "insp-ben");
  EXPECT_EQ(records[2].outcome(), static_cast<int>(absl::StatusCode::kAborted));
  // No judgement content: the evidence note is nowhere in the trail.
  for (const auto& record : records) {
    EXPECT_EQ(record.SerializeAsString().find("AssetPlus"), std::string::npos);
  }
  EXPECT_TRUE(Verify(FindingsChannel()).intact());
}

TEST_F(FindingsAuditTest, EditedFindingsRecordIsFoundAfterRestart) {
  const std::string case_name = caseload_.sampled[0];
  ASSERT_TRUE(Record(ValidRecording(case_name)).ok());
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(GetFindings(case_name).ok());
  // One of the reads, before the last record.
  const uint64_t edited = Records(FindingsChannel()).size() - 1;
  findings_.Stop();
  EditRecord(findings_.data_dir(), edited);
  findings_.Start();
  auto verified = Verify(FindingsChannel());
  EXPECT_FALSE(verified.intact());
  EXPECT_EQ(verified.broken_at_sequence(), edited) << verified.problem();
}

}  // namespace
}  // namespace yjinspect
