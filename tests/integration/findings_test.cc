// The findings service following intake through real gRPC: the sample
// arriving, judgements with etags (a stale one refused with a reason a
// program reads) and history, the feed status, and erasures reaching the
// findings store.

#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/resource_names.h"
#include "google/protobuf/util/message_differencer.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/integration/findings_fixture.h"
#include "tests/testing/rich_error.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/unary_call.h"
#include "tests/testing/wait_until.h"

namespace yjinspect {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using testing::Call;

TEST_F(FindingsTest, EverySampledCaseArrivesWithItsInspection) {
  auto cases = findings_.server().store().AllCasesForTest();
  ASSERT_TRUE(cases.ok()) << cases.status();
  std::set<std::string> names;
  for (const v1::Case& c : *cases) {
    names.insert(c.name());
    v1::GetCaseRequest get;
    get.set_name(c.name());
    auto at_intake = Call(intake_.stub(), &v1::CaseIntake::Stub::GetCase, get);
    ASSERT_TRUE(at_intake.ok()) << at_intake.status();
    EXPECT_TRUE(MessageDifferencer::Equals(c, *at_intake)) << c.name();
  }
  EXPECT_EQ(names, std::set<std::string>(caseload_.sampled.begin(),
                                         caseload_.sampled.end()));

  auto known = findings_.server().store().GetInspection(
      *common::ParseInspectionName(inspection()));
  ASSERT_TRUE(known.ok()) << known.status();
  ASSERT_TRUE(known->has_value());
  EXPECT_TRUE(MessageDifferencer::Equals(**known, caseload_.inspection));
  EXPECT_EQ((*known)->state(), v1::INSPECTION_STATE_SAMPLE_DRAWN);
}

TEST_F(FindingsTest, FirstRecordingStartsFieldworkAndFixesTheSample) {
  const std::string& judged = caseload_.sampled[0];
  auto recorded = Record(ValidRecording(judged));
  ASSERT_TRUE(recorded.ok()) << recorded.status();
  EXPECT_EQ(recorded->revision(), 1);
  EXPECT_FALSE(recorded->etag().empty());
  EXPECT_EQ(recorded->name(), FindingsName(judged));
  EXPECT_EQ(recorded->case_(), judged);
  EXPECT_EQ(recorded->inspector_reference(), "INSP-01");
  EXPECT_EQ(recorded->sample_revision(), 1);
  EXPECT_TRUE(recorded->has_update_time());
  // In framework order, whatever the order sent.
  std::vector<std::string> criteria;
  for (const auto& j : recorded->judgements()) {
    criteria.push_back(j.criterion_id());
  }
  EXPECT_EQ(criteria, (std::vector<std::string>{"1.1", "2.5", "3.4"}));

  auto at_intake = IntakeInspection();
  ASSERT_TRUE(at_intake.ok()) << at_intake.status();
  EXPECT_EQ(at_intake->state(), v1::INSPECTION_STATE_FIELDWORK);
  EXPECT_EQ(Draw(99).status().code(), absl::StatusCode::kFailedPrecondition);

  const std::string reason =
      "Two sampled cases were transferred to another YOT before fieldwork.";
  v1::ResetSampleRequest reset;
  reset.set_name(inspection());
  reset.set_reason(reason);
  auto after_reset =
      Call(intake_.stub(), &v1::CaseIntake::Stub::ResetSample, reset);
  ASSERT_TRUE(after_reset.ok()) << after_reset.status();
  EXPECT_EQ(after_reset->state(), v1::INSPECTION_STATE_CASELOAD_RECEIVED);
  ASSERT_EQ(after_reset->sample_resets_size(), 1);
  EXPECT_EQ(after_reset->sample_resets(0).reason(), reason);
  EXPECT_EQ(after_reset->sample_resets(0).revision(), 1);
  EXPECT_TRUE(after_reset->sample_resets(0).has_reset_time());

  auto redrawn = Draw(99);
  ASSERT_TRUE(redrawn.ok()) << redrawn.status();
  EXPECT_EQ(redrawn->state(), v1::INSPECTION_STATE_SAMPLE_DRAWN);
  EXPECT_EQ(redrawn->sample().revision(), 2);
  ASSERT_EQ(redrawn->sample_resets_size(), 1);
  EXPECT_EQ(redrawn->sample_resets(0).reason(), reason);
}

TEST_F(FindingsTest, LaterRecordingsNeedTheCurrentEtag) {
  const std::string& judged = caseload_.sampled[1];
  auto first = Record(ValidRecording(judged));
  ASSERT_TRUE(first.ok()) << first.status();

  v1::RecordJudgementsRequest change =
      ChangeByInsp02(judged, Answer("1.1", "no", "No assessment on file."));

  // Without an etag: someone may have changed them since.
  EXPECT_EQ(Record(change).status().code(), absl::StatusCode::kAborted);
  // With the current one: the next revision.
  change.set_etag(first->etag());
  auto second = Record(change);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->revision(), 2);
  EXPECT_NE(second->etag(), first->etag());
  EXPECT_EQ(second->inspector_reference(), "INSP-02");
  // Answers not named keep their value.
  EXPECT_EQ(second->judgements_size(), 3);
  // With the etag of revision 1, now stale.
  *change.mutable_judgements(0) = Answer("1.1", "yes");
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + testing::kCallTimeout));
  v1::CaseFindings unchanged;
  const grpc::Status stale =
      findings_.stub().RecordJudgements(&context, change, &unchanged);
  EXPECT_EQ(stale.error_code(), grpc::StatusCode::ABORTED);
  // What to read again, for a program: the reason and the findings' name.
  const testing::RichError error = testing::ReadRichError(stale);
  ASSERT_TRUE(error.info.has_value()) << stale.error_message();
  EXPECT_EQ(error.info->reason(), "ETAG_MISMATCH");
  EXPECT_EQ(error.info->domain(), "yjinspect");
  EXPECT_EQ(error.info->metadata().at("resource"), FindingsName(judged));
  EXPECT_FALSE(error.precondition.has_value());

  auto current = GetFindings(judged);
  ASSERT_TRUE(current.ok()) << current.status();
  EXPECT_TRUE(MessageDifferencer::Equals(*current, *second));
}

TEST_F(FindingsTest, RecordingTheSameAnswersAgainChangesNothing) {
  const std::string& judged = caseload_.sampled[2];
  auto first = Record(ValidRecording(judged));
  ASSERT_TRUE(first.ok()) << first.status();
  v1::RecordJudgementsRequest again = ValidRecording(judged);
  again.set_etag(first->etag());
  auto second = Record(again);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_TRUE(MessageDifferencer::Equals(*first, *second));
  ExpectRevisions(judged, 1);
}

TEST_F(FindingsTest, HistoryKeepsEveryRevisionWithInspectorAndTime) {
  const std::string& judged = caseload_.sampled[3];
  auto recorded = RecordTwoRevisions(judged, Answer("4.1", "no"));
  ASSERT_TRUE(recorded.ok()) << recorded.status();
  const auto& [first, second] = *recorded;

  auto history = History(judged);
  ASSERT_TRUE(history.ok()) << history.status();
  ASSERT_EQ(history->revisions_size(), 2);
  const v1::JudgementRevision& r1 = history->revisions(0);
  const v1::JudgementRevision& r2 = history->revisions(1);
  EXPECT_EQ(r1.revision(), 1);
  EXPECT_EQ(r1.inspector_reference(), "INSP-01");
  EXPECT_TRUE(
      MessageDifferencer::Equals(r1.record_time(), first.update_time()));
  EXPECT_EQ(r1.judgements_size(), 3);
  EXPECT_EQ(r2.revision(), 2);
  EXPECT_EQ(r2.inspector_reference(), "INSP-02");
  EXPECT_TRUE(
      MessageDifferencer::Equals(r2.record_time(), second.update_time()));
  // A revision lists what it set, not what it left alone.
  ASSERT_EQ(r2.judgements_size(), 1);
  EXPECT_EQ(r2.judgements(0).criterion_id(), "4.1");
  EXPECT_GE(r2.record_time().seconds(), r1.record_time().seconds());
}

TEST_F(FindingsTest, ListCaseFindingsPagesThroughTheInspection) {
  constexpr int kJudged = 7;
  std::set<std::string> expected;
  for (int i = 0; i < kJudged; ++i) {
    const std::string& judged = caseload_.sampled[static_cast<size_t>(i)];
    ASSERT_TRUE(Record(ValidRecording(judged)).ok());
    expected.insert(FindingsName(judged));
  }
  v1::ListCaseFindingsRequest list;
  list.set_parent(inspection());
  list.set_page_size(3);
  std::vector<std::string> names;
  int pages = 0;
  do {
    auto page =
        Call(findings_.stub(), &v1::Findings::Stub::ListCaseFindings, list);
    ASSERT_TRUE(page.ok()) << page.status();
    EXPECT_LE(page->case_findings_size(), 3);
    for (const auto& f : page->case_findings()) names.push_back(f.name());
    list.set_page_token(page->next_page_token());
    ASSERT_LT(++pages, 10);
  } while (!list.page_token().empty());
  EXPECT_EQ(pages, 3);
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  EXPECT_EQ(names.size(), expected.size());
  EXPECT_EQ(std::set<std::string>(names.begin(), names.end()), expected);
}

TEST_F(FindingsTest, FeedStatusReachesTheIntakeHead) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(
        UpdateAtIntake(caseload_.sampled[static_cast<size_t>(i)], "STAFF-20")
            .ok());
  }
  const uint64_t head = intake_.server().store().HeadSequence();
  v1::FeedStatus status;
  EXPECT_TRUE(testing::WaitUntil(
      [&] {
        status = FeedStatus();
        return status.cursor() == head && status.intake_head() == head;
      },
      kCatchUpTimeout))
      << status.ShortDebugString() << " head " << head;
  EXPECT_EQ(status.lag(), 0u);
  EXPECT_TRUE(status.connected());
}

// The log may end with changes the stream does not carry (of unsampled
// cases). A findings service that has applied everything there is for it is
// caught up, and its feed status must say so: no lag.
TEST_F(FindingsTest, FeedStatusShowsNoLagWhenTheLogEndsWithUnsampledChanges) {
  findings_.Stop();
  auto sampled_update = UpdateAtIntake(caseload_.sampled[0], "STAFF-21");
  ASSERT_TRUE(sampled_update.ok()) << sampled_update.status();
  ASSERT_TRUE(UpdateAtIntake(caseload_.unsampled[0], "STAFF-22").ok());
  const uint64_t head = intake_.server().store().HeadSequence();
  findings_.Start();
  ASSERT_TRUE(
      findings_.server().feed().WaitForCursor(head - 1, kCatchUpTimeout));
  v1::FeedStatus status;
  EXPECT_TRUE(testing::WaitUntil(
      [&] {
        status = FeedStatus();
        return status.lag() == 0 && status.intake_head() == status.cursor();
      },
      absl::Seconds(3)))
      << status.ShortDebugString() << "; intake head " << head;
}

TEST_F(FindingsTest, AnEvidenceNoteOf2000CharactersIsAccepted) {
  v1::RecordJudgementsRequest request = ValidRecording(caseload_.sampled[4]);
  request.mutable_judgements(1)->set_evidence_note(std::string(2000, 'e'));
  auto recorded = Record(request);
  ASSERT_TRUE(recorded.ok()) << recorded.status();
  EXPECT_EQ(recorded->judgements(0).evidence_note().size(), 2000u);
}

TEST_F(FindingsTest, AnErasureRemovesTheCaseItsFindingsAndHistory) {
  const std::string& erased = caseload_.sampled[5];
  const std::string& kept = caseload_.sampled[6];
  ASSERT_TRUE(Record(ValidRecording(erased)).ok());
  ASSERT_TRUE(Record(ValidRecording(kept)).ok());
  ASSERT_TRUE(History(erased).ok());

  ASSERT_TRUE(DeleteAtIntake(erased).ok());
  ASSERT_TRUE(CaughtUp());

  auto in_store = findings_.server().store().GetCase(erased);
  ASSERT_TRUE(in_store.ok()) << in_store.status();
  EXPECT_FALSE(in_store->has_value());
  EXPECT_EQ(GetFindings(erased).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(History(erased).status().code(), absl::StatusCode::kNotFound);
  // Nothing of it is listed either; the other case is untouched.
  v1::ListCaseFindingsRequest list;
  list.set_parent(inspection());
  auto listed =
      Call(findings_.stub(), &v1::Findings::Stub::ListCaseFindings, list);
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_EQ(listed->case_findings_size(), 1);
  EXPECT_EQ(listed->case_findings(0).case_(), kept);
  EXPECT_TRUE(GetFindings(kept).ok());
  // And it cannot be judged again.
  EXPECT_EQ(Record(ValidRecording(erased)).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

// A case that left the sample (redrawn before fieldwork) was delivered to
// the findings service; erasing it must still reach the findings store.
TEST_F(FindingsTest, AnErasureAfterARedrawReachesFindings) {
  v1::DrawSampleRequest named;
  named.set_name(inspection());
  named.add_named_cases(caseload_.sampled[1]);
  ASSERT_TRUE(
      Call(intake_.stub(), &v1::CaseIntake::Stub::DrawSample, named).ok());
  ASSERT_TRUE(CaughtUp());
  const std::string& dropped = caseload_.sampled[0];
  auto before = findings_.server().store().GetCase(dropped);
  ASSERT_TRUE(before.ok() && before->has_value());

  ASSERT_TRUE(DeleteAtIntake(dropped).ok());
  // A change of a case still sampled, logged after the erasure: once it has
  // arrived, so has everything before it.
  ASSERT_TRUE(UpdateAtIntake(caseload_.sampled[1], "STAFF-30").ok());
  ASSERT_TRUE(CaughtUp());
  auto after = findings_.server().store().GetCase(dropped);
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_FALSE(after->has_value())
      << "the findings store still holds the content of erased case "
      << dropped;
}

// The same after a reset: the judged case's findings (evidence notes may
// describe the child) must go with it.
TEST_F(FindingsTest, AnErasureAfterASampleResetRemovesTheFindings) {
  const std::string& judged = caseload_.sampled[0];
  ASSERT_TRUE(Record(ValidRecording(judged)).ok());
  v1::ResetSampleRequest reset;
  reset.set_name(inspection());
  reset.set_reason("The YOT's caseload extract was incomplete.");
  ASSERT_TRUE(
      Call(intake_.stub(), &v1::CaseIntake::Stub::ResetSample, reset).ok());

  ASSERT_TRUE(DeleteAtIntake(judged).ok());
  // A new draw, logged after the erasure, marks the end to wait for.
  ASSERT_TRUE(Draw(7).ok());
  ASSERT_TRUE(CaughtUp());
  auto after = findings_.server().store().GetCase(judged);
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_FALSE(after->has_value())
      << "the findings store still holds the content of erased case " << judged;
  EXPECT_EQ(GetFindings(judged).status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(History(judged).status().code(), absl::StatusCode::kNotFound);
}

absl::StatusOr<v1::SampledRecord> GetRecord(v1::Findings::Stub& stub,
                                            const std::string& name) {
  v1::GetSampledRecordRequest request;
  request.set_name(name);
  return testing::Call(stub, &v1::Findings::Stub::GetSampledRecord, request);
}

TEST_F(FindingsTest, ASampledRecordIsReadAsFindingsHoldsIt) {
  const std::string& sampled = caseload_.sampled[0];
  const std::string name = FindingsName(sampled) + "/record";
  absl::StatusOr<v1::SampledRecord> record = GetRecord(findings_.stub(), name);
  ASSERT_TRUE(record.ok()) << record.status();
  EXPECT_EQ(record->name(), name);
  ASSERT_TRUE(record->has_case_());
  EXPECT_EQ(record->case_().name(), sampled);
  // A correction at intake reaches findings' copy through the stream.
  ASSERT_TRUE(UpdateAtIntake(sampled, "STAFF-31").ok());
  ASSERT_TRUE(CaughtUp());
  record = GetRecord(findings_.stub(), name);
  ASSERT_TRUE(record.ok()) << record.status();
  EXPECT_EQ(record->case_().case_manager_reference(), "STAFF-31");
}

TEST_F(FindingsTest,
       ARecordOutsideTheSampleIsNotFoundAndAMalformedNameRefused) {
  EXPECT_EQ(GetRecord(findings_.stub(),
                      FindingsName(caseload_.unsampled[0]) + "/record")
                .status()
                .code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(GetRecord(findings_.stub(),
                      "inspections/no-such-2014/caseFindings/E-00/record")
                .status()
                .code(),
            absl::StatusCode::kNotFound);
  for (const std::string& bad :
       {FindingsName(caseload_.sampled[0]), std::string("record"),
        inspection() + "/caseFindings/a b/record"}) {
    const absl::Status refused = GetRecord(findings_.stub(), bad).status();
    EXPECT_EQ(refused.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(testing::ViolatedFields(refused),
              std::vector<std::string>{"name"})
        << bad;
  }
}

}  // namespace
}  // namespace yjinspect
