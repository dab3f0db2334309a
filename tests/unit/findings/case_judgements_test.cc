// services/findings/case_judgements.h through the in-memory findings store
// and a fieldwork gate that records its calls, without gRPC: what a
// recording stores (answers in framework order, revision, etag, time), the
// etag rules, what is refused and why (field violations, the sample, the
// inspection's state), that a refusal stores nothing, when fieldwork is
// started at intake, and reading and listing. The judgement history is kept
// by the real store only, so its test runs on RocksDB in a temp dir.

#include "services/findings/case_judgements.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/error_details.h"
#include "common/error_reasons.h"
#include "common/field_violations.h"
#include "common/frameworks/framework_registry.h"
#include "common/page_token.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/time_util.h"
#include "gtest/gtest.h"
#include "tests/testing/built_in_frameworks.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/in_memory_findings_store.h"
#include "tests/testing/northmoor_inspection.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace yjinspect::findings {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;
using ::yjinspect::testing::HasReason;

constexpr char kInspection[] = "inspections/northmoor-2026";
constexpr char kInspectionId[] = "northmoor-2026";
constexpr char kJudged[] = "yots/northmoor/cases/NM-0001";
constexpr char kOther[] = "yots/northmoor/cases/NM-0002";
// Sampled, but not yet delivered by intake's stream.
constexpr char kInTransit[] = "yots/northmoor/cases/NM-0003";

// Three sampled cases, at sample revision 3.
v1::Inspection Inspection(v1::InspectionState state) {
  v1::Inspection inspection = testing::NorthmoorInspection(state);
  v1::InspectionSample& sample = *inspection.mutable_sample();
  sample.set_revision(3);
  sample.set_sample_size(3);
  for (const char* c : {kJudged, kOther, kInTransit}) sample.add_cases(c);
  return inspection;
}

v1::Case NamedCase(const std::string& name) {
  v1::Case c = testing::ValidCase();
  c.set_name(name);
  return c;
}

v1::Judgement Answer(const std::string& criterion, const std::string& answer) {
  v1::Judgement j;
  j.set_criterion_id(criterion);
  j.set_answer(answer);
  return j;
}

v1::RecordJudgementsRequest Recording(const std::vector<v1::Judgement>& answers,
                                      const std::string& etag = "",
                                      const std::string& case_name = kJudged) {
  v1::RecordJudgementsRequest request;
  request.set_inspection(kInspection);
  request.set_case_(case_name);
  request.set_inspector_reference("INSP-01");
  request.set_etag(etag);
  for (const auto& j : answers) *request.add_judgements() = j;
  return request;
}

v1::RecordInterviewRequest InterviewRecording(
    const std::vector<v1::Judgement>& answers, const std::string& etag = "") {
  v1::RecordInterviewRequest request;
  request.set_inspection(kInspection);
  request.set_interview_id("IV-01");
  request.set_inspector_reference("INSP-01");
  request.set_etag(etag);
  for (const auto& j : answers) *request.add_judgements() = j;
  return request;
}

common::AuditEvent RecordAudit() {
  return {"inspector-7", "inspector", "req-1",
          v1::AUDIT_ACTION_RECORD_JUDGEMENTS,
          "inspections/northmoor-2026/caseFindings/NM-0001"};
}

std::vector<std::string> FieldsOf(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const auto& v : common::ViolationsOf(status)) fields.push_back(v.field);
  return fields;
}

// Answers as intake would to StartFieldwork, at once, and keeps each call.
class RecordingGate final : public FieldworkGate {
 public:
  void StartFieldwork(const std::string& inspection, int32_t sample_revision,
                      std::function<void(absl::Status)> done) override {
    calls.emplace_back(inspection, sample_revision);
    done(answer);
  }
  // Judgements never agree verdicts: a call here is a failure.
  void AgreeVerdicts(
      const std::string& inspection, const std::string&, const std::string&,
      const std::string&,
      std::function<void(absl::StatusOr<v1::Inspection>)> done) override {
    ADD_FAILURE() << "AgreeVerdicts called for " << inspection;
    done(absl::InternalError("not expected"));
  }

  std::vector<std::pair<std::string, int32_t>> calls;
  absl::Status answer = absl::OkStatus();
};

// Runs one Record or RecordInterview and returns what `done` got.
template <typename Call>
absl::StatusOr<v1::CaseFindings> Outcome(const Call& call) {
  std::optional<absl::StatusOr<v1::CaseFindings>> outcome;
  call([&outcome](absl::StatusOr<v1::CaseFindings> r) {
    outcome = std::move(r);
  });
  if (!outcome) return absl::InternalError("done was not called");
  return *std::move(outcome);
}

class CaseJudgementsTest : public ::testing::Test {
 protected:
  absl::StatusOr<v1::CaseFindings> Record(v1::RecordJudgementsRequest r) {
    return Outcome([&](const CaseJudgements::Done& done) {
      judgements_.Record(std::move(r), RecordAudit(), done);
    });
  }
  absl::StatusOr<v1::CaseFindings> RecordInterview(
      v1::RecordInterviewRequest r) {
    return Outcome([&](const CaseJudgements::Done& done) {
      judgements_.RecordInterview(std::move(r), done);
    });
  }
  // The findings stored for `case_id`, or nullopt.
  std::optional<v1::CaseFindings> Stored(const std::string& case_id) {
    auto findings = store_.GetFindings(kInspectionId, case_id);
    EXPECT_TRUE(findings.ok()) << findings.status();
    return findings.ok() ? *findings : std::nullopt;
  }
  void MoveInspectionTo(v1::InspectionState state) {
    store_.ReplaceInspection(Inspection(state));
  }
  // The code `read` answers for the findings (or other resource) `name`.
  template <typename Request, typename Answer>
  absl::StatusCode CodeOf(
      absl::StatusOr<Answer> (CaseJudgements::*read)(const Request&) const,
      const std::string& name) {
    Request request;
    request.set_name(name);
    return (judgements_.*read)(request).status().code();
  }
  // `recorded` was refused as invalid, naming `fields`, and nothing stored.
  template <typename FieldsMatcher>
  void ExpectInvalidAndNothingKept(
      const absl::StatusOr<v1::CaseFindings>& recorded, FieldsMatcher fields) {
    EXPECT_EQ(recorded.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(FieldsOf(recorded.status()), fields);
    EXPECT_FALSE(Stored("NM-0001").has_value());
  }
  // `recorded` was stored once intake started fieldwork for the sample.
  void ExpectFieldworkStartedFor(
      const absl::StatusOr<v1::CaseFindings>& recorded) {
    ASSERT_TRUE(recorded.ok()) << recorded.status();
    EXPECT_THAT(gate_.calls, ElementsAre(Pair(kInspection, 3)));
    EXPECT_EQ(recorded->sample_revision(), 3);
  }

  testing::InMemoryFindingsStore store_{
      Inspection(v1::INSPECTION_STATE_FIELDWORK),
      {NamedCase(kJudged), NamedCase(kOther)}};
  RecordingGate gate_;
  absl::Time now_ = absl::FromUnixSeconds(1795000000);
  CaseJudgements judgements_{store_, testing::BuiltInFrameworks(), gate_,
                             [this] { return now_; }};
};

TEST_F(CaseJudgementsTest, TheFirstRecordingStoresAnswersInFrameworkOrder) {
  auto recorded =
      Record(Recording({Answer("2.1", "no"), Answer("1.1", "yes")}));
  ASSERT_TRUE(recorded.ok()) << recorded.status();
  EXPECT_EQ(recorded->name(),
            "inspections/northmoor-2026/caseFindings/NM-0001");
  EXPECT_EQ(recorded->case_(), kJudged);
  ASSERT_EQ(recorded->judgements_size(), 2);
  EXPECT_EQ(recorded->judgements(0).criterion_id(), "1.1");
  EXPECT_EQ(recorded->judgements(1).criterion_id(), "2.1");
  EXPECT_EQ(recorded->revision(), 1);
  EXPECT_EQ(recorded->sample_revision(), 3);
  EXPECT_EQ(recorded->inspector_reference(), "INSP-01");
  EXPECT_EQ(google::protobuf::util::TimeUtil::TimestampToSeconds(
                recorded->update_time()),
            absl::ToUnixSeconds(now_));
  EXPECT_FALSE(recorded->etag().empty());

  v1::GetCaseFindingsRequest get;
  get.set_name(recorded->name());
  auto read = judgements_.Get(get);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->etag(), recorded->etag());
}

TEST_F(CaseJudgementsTest, ALaterChangeNeedsTheCurrentEtag) {
  auto first = Record(Recording({Answer("1.1", "yes")}));
  ASSERT_TRUE(first.ok()) << first.status();

  auto without = Record(Recording({Answer("2.1", "no")}));
  EXPECT_EQ(without.status().code(), absl::StatusCode::kAborted);
  EXPECT_THAT(without.status().message(), HasSubstr("has no etag"));
  auto stale = Record(Recording({Answer("2.1", "no")}, "stale"));
  EXPECT_EQ(stale.status().code(), absl::StatusCode::kAborted);
  EXPECT_THAT(stale.status().message(), HasSubstr("etag is stale"));
  EXPECT_EQ(Stored("NM-0001")->etag(), first->etag());
  // A program knows both by their reason, and which record to read again.
  for (const auto* refused : {&without, &stale}) {
    EXPECT_THAT(refused->status(), HasReason(common::kEtagMismatch));
    EXPECT_EQ(common::ErrorInfoOf(refused->status())->metadata.at("resource"),
              "inspections/northmoor-2026/caseFindings/NM-0001");
  }

  now_ += absl::Hours(1);
  auto second = Record(Recording({Answer("2.1", "no")}, first->etag()));
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->revision(), 2);
  EXPECT_NE(second->etag(), first->etag());
  // Answers the change does not name keep their value.
  ASSERT_EQ(second->judgements_size(), 2);
  EXPECT_EQ(second->judgements(0).answer(), "yes");
  EXPECT_EQ(second->judgements(1).answer(), "no");
}

TEST_F(CaseJudgementsTest, TheSameAnswersAgainAreTheStoredFindings) {
  auto first = Record(Recording({Answer("1.1", "yes")}));
  ASSERT_TRUE(first.ok()) << first.status();
  // A retry without the etag changes nothing, so it is not a conflict.
  auto retry = Record(Recording({Answer("1.1", "yes")}));
  ASSERT_TRUE(retry.ok()) << retry.status();
  EXPECT_EQ(retry->revision(), 1);
  EXPECT_EQ(retry->etag(), first->etag());
}

TEST_F(CaseJudgementsTest, AnEtagOnTheFirstRecordingIsAbortedAndNothingKept) {
  auto recorded = Record(Recording({Answer("1.1", "yes")}, "madeup"));
  EXPECT_EQ(recorded.status().code(), absl::StatusCode::kAborted);
  EXPECT_THAT(recorded.status().message(), HasSubstr("send no etag"));
  EXPECT_THAT(recorded.status(), HasReason(common::kEtagMismatch));
  EXPECT_FALSE(Stored("NM-0001").has_value());
}

TEST_F(CaseJudgementsTest, AMalformedRequestNamesItsFieldsAndKeepsNothing) {
  v1::RecordJudgementsRequest request = Recording({Answer("1.1", "")});
  request.clear_inspector_reference();
  ExpectInvalidAndNothingKept(
      Record(request),
      UnorderedElementsAre("inspector_reference", "judgements[0].answer"));
}

TEST_F(CaseJudgementsTest, AnswersTheFrameworkRefusesAreNamedAndNothingKept) {
  // Not even the valid answer is kept: a recording is whole or nothing.
  ExpectInvalidAndNothingKept(
      Record(Recording({Answer("1.1", "yes"), Answer("1.2", "maybe"),
                        Answer("om.1", "yes")})),
      ElementsAre("judgements[1].answer", "judgements[2].criterion_id"));
}

TEST_F(CaseJudgementsTest, AnInspectionIntakeHasNotSentIsNotFound) {
  v1::RecordJudgementsRequest request = Recording({Answer("1.1", "yes")});
  request.set_inspection("inspections/elsewhere-2026");
  EXPECT_EQ(Record(request).status().code(), absl::StatusCode::kNotFound);
}

TEST_F(CaseJudgementsTest, OnlySampledCasesThatHaveArrivedAreJudged) {
  auto unsampled = Record(
      Recording({Answer("1.1", "yes")}, "", "yots/northmoor/cases/NM-0099"));
  EXPECT_EQ(unsampled.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(unsampled.status().message(), HasSubstr("not in the sample"));
  EXPECT_THAT(unsampled.status(), HasReason(common::kNotInSample));
  EXPECT_THAT(
      unsampled.status(),
      testing::ViolatesPrecondition("SAMPLE", "yots/northmoor/cases/NM-0099"));
  EXPECT_EQ(common::ErrorInfoOf(unsampled.status())->metadata,
            (common::ErrorMetadata{{"inspection", kInspection},
                                   {"sample_revision", "3"}}));
  auto in_transit = Record(Recording({Answer("1.1", "yes")}, "", kInTransit));
  EXPECT_EQ(in_transit.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(in_transit.status().message(), HasSubstr("retry shortly"));
  EXPECT_THAT(in_transit.status(), HasReason(common::kCaseNotReceived));
  EXPECT_FALSE(Stored("NM-0099").has_value());
  EXPECT_FALSE(Stored("NM-0003").has_value());
}

TEST_F(CaseJudgementsTest, AFrameworkVersionThisServiceLacksIsAPrecondition) {
  v1::Inspection pinned = Inspection(v1::INSPECTION_STATE_FIELDWORK);
  pinned.set_framework_version("99");
  store_.ReplaceInspection(pinned);
  auto recorded = Record(Recording({Answer("1.1", "yes")}));
  EXPECT_EQ(recorded.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(recorded.status().message(), HasSubstr("version 99"));
  EXPECT_THAT(recorded.status(), HasReason(common::kFrameworkUnknown));
}

TEST_F(CaseJudgementsTest, DuringFieldworkTheGateIsNotAsked) {
  ASSERT_TRUE(Record(Recording({Answer("1.1", "yes")})).ok());
  EXPECT_TRUE(gate_.calls.empty());
}

TEST_F(CaseJudgementsTest, TheFirstJudgementStartsFieldworkForTheSample) {
  MoveInspectionTo(v1::INSPECTION_STATE_SAMPLE_DRAWN);
  ExpectFieldworkStartedFor(Record(Recording({Answer("1.1", "yes")})));
  EXPECT_TRUE(Stored("NM-0001").has_value());
}

TEST_F(CaseJudgementsTest, WhenIntakeRefusesFieldworkNothingIsKept) {
  MoveInspectionTo(v1::INSPECTION_STATE_SAMPLE_DRAWN);
  gate_.answer = common::FailedPrecondition(
      common::kSampleRevisionChanged, {common::kSampleViolation, kInspection},
      "the sample was redrawn");
  auto recorded = Record(Recording({Answer("1.1", "yes")}));
  EXPECT_EQ(recorded.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(
      recorded.status().message(),
      HasSubstr("starting fieldwork at intake: the sample was redrawn"));
  // Intake's reason reaches the caller: it says what to do.
  EXPECT_THAT(recorded.status(), HasReason(common::kSampleRevisionChanged));
  EXPECT_EQ(common::PreconditionViolationsOf(recorded.status()).size(), 1u);
  EXPECT_FALSE(Stored("NM-0001").has_value());
}

// A refused request must not fix the sample at intake: the etag rules run
// before the gate is asked.
TEST_F(CaseJudgementsTest, AnEtagBeforeFieldworkIsAbortedWithoutStartingIt) {
  MoveInspectionTo(v1::INSPECTION_STATE_SAMPLE_DRAWN);
  auto recorded = Record(Recording({Answer("1.1", "yes")}, "stale"));
  EXPECT_EQ(recorded.status().code(), absl::StatusCode::kAborted);
  EXPECT_FALSE(Stored("NM-0001").has_value());
  EXPECT_TRUE(gate_.calls.empty());
}

// Interviews are fieldwork too: findings never exist while intake shows the
// inspection before fieldwork.
TEST_F(CaseJudgementsTest, TheFirstInterviewStartsFieldworkForTheSample) {
  MoveInspectionTo(v1::INSPECTION_STATE_SAMPLE_DRAWN);
  ExpectFieldworkStartedFor(
      RecordInterview(InterviewRecording({Answer("om.1", "yes")})));
}

TEST_F(CaseJudgementsTest, WhenIntakeRefusesFieldworkNoInterviewIsKept) {
  MoveInspectionTo(v1::INSPECTION_STATE_ANNOUNCED);
  gate_.answer = absl::FailedPreconditionError(
      "inspection inspections/northmoor-2026 is in state ANNOUNCED and has no "
      "sample; call DrawSample first");
  auto recorded = RecordInterview(InterviewRecording({Answer("om.1", "yes")}));
  EXPECT_EQ(recorded.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(recorded.status().message(),
              HasSubstr("starting fieldwork at intake: "));
  auto stored = store_.ScanInterviews(kInspectionId);
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_TRUE(stored->empty());
}

TEST_F(CaseJudgementsTest, PastFieldworkOnlyARerunOfStoredAnswersSucceeds) {
  auto first = Record(Recording({Answer("1.1", "yes"), Answer("2.1", "no")}));
  ASSERT_TRUE(first.ok()) << first.status();
  MoveInspectionTo(v1::INSPECTION_STATE_VERDICTS_AGREED);

  auto rerun = Record(Recording({Answer("2.1", "no")}));
  ASSERT_TRUE(rerun.ok()) << rerun.status();
  EXPECT_EQ(rerun->etag(), first->etag());

  auto change = Record(Recording({Answer("2.1", "yes")}, first->etag()));
  EXPECT_EQ(change.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(change.status().message(),
              HasSubstr("INSPECTION_STATE_VERDICTS_AGREED"));
  EXPECT_THAT(change.status(), HasReason(common::kWrongState));
  EXPECT_EQ(common::ErrorInfoOf(change.status())->metadata.at("state"),
            "INSPECTION_STATE_VERDICTS_AGREED");
  auto unjudged = Record(Recording({Answer("1.1", "yes")}, "", kOther));
  EXPECT_EQ(unjudged.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Stored("NM-0001")->revision(), 1);
  EXPECT_FALSE(Stored("NM-0002").has_value());
  EXPECT_TRUE(gate_.calls.empty());
}

TEST_F(CaseJudgementsTest, AnInterviewIsRecordedWithEtagsAsACaseIs) {
  auto first = RecordInterview(
      InterviewRecording({Answer("om.2", "no"), Answer("om.1", "yes")}));
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->name(), "inspections/northmoor-2026/interviews/IV-01");
  EXPECT_TRUE(first->case_().empty());
  ASSERT_EQ(first->judgements_size(), 2);
  EXPECT_EQ(first->judgements(0).criterion_id(), "om.1");
  EXPECT_EQ(first->revision(), 1);

  auto without = RecordInterview(InterviewRecording({Answer("om.3", "yes")}));
  EXPECT_EQ(without.status().code(), absl::StatusCode::kAborted);
  auto second = RecordInterview(
      InterviewRecording({Answer("om.3", "yes")}, first->etag()));
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->revision(), 2);
  EXPECT_EQ(second->judgements_size(), 3);
  auto stored = store_.ScanInterviews(kInspectionId);
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->size(), 1u);
  EXPECT_EQ((*stored)[0].value.etag(), second->etag());
}

TEST_F(CaseJudgementsTest, BadInterviewsNameTheirFieldsAndKeepNothing) {
  v1::RecordInterviewRequest request = InterviewRecording({Answer("om.1", "")});
  request.set_interview_id("IV 01");
  request.set_inspection("inspections/");
  auto shape = RecordInterview(request);
  EXPECT_EQ(shape.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(FieldsOf(shape.status()),
              UnorderedElementsAre("inspection", "interview_id",
                                   "judgements[0].answer"));

  request = InterviewRecording({Answer("1.1", "yes")});  // a case criterion
  auto framework = RecordInterview(request);
  EXPECT_EQ(framework.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(FieldsOf(framework.status()),
              ElementsAre("judgements[0].criterion_id"));

  request = InterviewRecording({Answer("om.1", "yes")});
  request.set_inspection("inspections/elsewhere-2026");
  EXPECT_EQ(RecordInterview(request).status().code(),
            absl::StatusCode::kNotFound);
  auto stored = store_.ScanInterviews(kInspectionId);
  ASSERT_TRUE(stored.ok());
  EXPECT_TRUE(stored->empty());
}

TEST_F(CaseJudgementsTest, PastFieldworkAnInterviewCanOnlyBeRerun) {
  auto first = RecordInterview(InterviewRecording({Answer("om.1", "yes")}));
  ASSERT_TRUE(first.ok()) << first.status();
  MoveInspectionTo(v1::INSPECTION_STATE_REPORT_PUBLISHED);
  auto rerun = RecordInterview(InterviewRecording({Answer("om.1", "yes")}));
  ASSERT_TRUE(rerun.ok()) << rerun.status();
  EXPECT_EQ(rerun->etag(), first->etag());
  auto change = RecordInterview(
      InterviewRecording({Answer("om.1", "no")}, first->etag()));
  EXPECT_EQ(change.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(change.status(), HasReason(common::kWrongState));
}

TEST_F(CaseJudgementsTest, GetNeedsAFindingsNameThatIsRecorded) {
  EXPECT_EQ(
      CodeOf(&CaseJudgements::Get, "inspections/northmoor-2026/cases/NM-0001"),
      absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeOf(&CaseJudgements::Get,
                   "inspections/northmoor-2026/caseFindings/NM-0001"),
            absl::StatusCode::kNotFound);
}

TEST_F(CaseJudgementsTest, ListPagesThroughTheInspectionsFindings) {
  ASSERT_TRUE(Record(Recording({Answer("1.1", "yes")})).ok());
  ASSERT_TRUE(Record(Recording({Answer("1.1", "no")}, "", kOther)).ok());

  v1::ListCaseFindingsRequest list;
  list.set_parent(kInspection);
  list.set_page_size(1);
  auto page = judgements_.List(list);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->case_findings_size(), 1);
  EXPECT_EQ(page->case_findings(0).case_(), kJudged);
  ASSERT_FALSE(page->next_page_token().empty());

  list.set_page_token(page->next_page_token());
  auto last = judgements_.List(list);
  ASSERT_TRUE(last.ok()) << last.status();
  ASSERT_EQ(last->case_findings_size(), 1);
  EXPECT_EQ(last->case_findings(0).case_(), kOther);
  EXPECT_TRUE(last->next_page_token().empty());
}

TEST_F(CaseJudgementsTest, ListRefusesBadParentsSizesAndTokens) {
  v1::ListCaseFindingsRequest list;
  list.set_parent("northmoor-2026");
  list.set_page_size(-1);
  auto bad = judgements_.List(list);
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(FieldsOf(bad.status()),
              UnorderedElementsAre("parent", "page_size"));

  // A token of another list (a history) is not this list's.
  list.set_parent(kInspection);
  list.set_page_size(1);
  list.set_page_token(common::EncodePageToken(
      "history:inspections/northmoor-2026/caseFindings/NM-0001", "x"));
  EXPECT_EQ(judgements_.List(list).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(CaseJudgementsTest, HistoryOfUnrecordedFindingsIsNotFound) {
  EXPECT_EQ(CodeOf(&CaseJudgements::History,
                   "inspections/northmoor-2026/caseFindings/NM-0001"),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(CodeOf(&CaseJudgements::History, "inspections/northmoor-2026"),
            absl::StatusCode::kInvalidArgument);
}

// The in-memory store keeps no history; the RocksDB store does.
TEST(CaseJudgementsHistoryTest, EachChangeIsKeptOldestFirstWithWhatItSent) {
  testing::TempDir dir;
  auto store = FindingsStore::Open({dir.Sub("store"), false});
  ASSERT_TRUE(store.ok()) << store.status();
  v1::Change inspection;
  inspection.set_sequence(1);
  *inspection.mutable_inspection_stored() =
      Inspection(v1::INSPECTION_STATE_FIELDWORK);
  v1::Change sampled;
  sampled.set_sequence(2);
  sampled.mutable_case_sampled()->set_inspection(kInspection);
  *sampled.mutable_case_sampled()->mutable_case_() = NamedCase(kJudged);
  ASSERT_TRUE((*store)->ApplyChange(inspection).ok());
  ASSERT_TRUE((*store)->ApplyChange(sampled).ok());
  RecordingGate gate;
  CaseJudgements judgements(**store, testing::BuiltInFrameworks(), gate);
  auto record = [&](v1::RecordJudgementsRequest r) {
    return Outcome([&](const CaseJudgements::Done& done) {
      judgements.Record(std::move(r), RecordAudit(), done);
    });
  };
  auto first = record(Recording({Answer("1.1", "yes"), Answer("2.1", "no")}));
  ASSERT_TRUE(first.ok()) << first.status();
  auto second = record(Recording({Answer("2.1", "yes")}, first->etag()));
  ASSERT_TRUE(second.ok()) << second.status();
  // Refused: not in the history.
  ASSERT_FALSE(record(Recording({Answer("1.1", "no")}, first->etag())).ok());

  v1::ListJudgementHistoryRequest request;
  request.set_name(first->name());
  auto history = judgements.History(request);
  ASSERT_TRUE(history.ok()) << history.status();
  ASSERT_EQ(history->revisions_size(), 2);
  EXPECT_EQ(history->revisions(0).revision(), 1);
  EXPECT_EQ(history->revisions(0).judgements_size(), 2);
  EXPECT_EQ(history->revisions(1).revision(), 2);
  ASSERT_EQ(history->revisions(1).judgements_size(), 1);
  EXPECT_EQ(history->revisions(1).judgements(0).answer(), "yes");
}

}  // namespace
}  // namespace yjinspect::findings
