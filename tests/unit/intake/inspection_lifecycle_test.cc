// services/intake/inspection_lifecycle.h: the pure rule of which state may
// follow which (table-driven, every pair), the record each step leaves, and
// StartFieldwork and Advance on a real intake store: steps in order are
// recorded with who, when and why; steps out of order are refused with the
// state and what the step needs, and store nothing.

#include "services/intake/inspection_lifecycle.h"

#include <algorithm>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/error_details.h"
#include "common/error_reasons.h"
#include "common/field_violations.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/empty_intake_store.h"
#include "tests/testing/matchers.h"
#include "tests/testing/status_matchers.h"
#include "tests/unit/intake/intake_domain_fixture.h"
#include "tests/unit/intake/malformed_steps.h"
#include "tests/unit/intake/violation_rows.h"

namespace yjinspect::intake {
namespace {

using testing::HasReason;
using testing::StatusIs;

std::vector<v1::InspectionState> StatesOf(const v1::Inspection& inspection) {
  std::vector<v1::InspectionState> states;
  for (const auto& t : inspection.transitions()) states.push_back(t.to());
  return states;
}

// ---- MoveTo: the rule, pure ----

struct Step {
  v1::InspectionState from;
  v1::InspectionState to;
  bool allowed;
};

void PrintTo(const Step& step, std::ostream* os) {
  *os << StateName(step.from) << " -> " << StateName(step.to);
}

// Every pair of states, and whether the lifecycle lets `to` follow `from`:
// forward one step at a time, and a sample redrawn until fieldwork. The
// way back to CASELOAD_RECEIVED belongs to a sample reset, with its reason:
// inspection_sampling_test covers it through ResetSample.
std::vector<Step> EveryStep() {
  using S = v1::InspectionState;
  const std::vector<std::pair<S, S>> allowed = {
      {v1::INSPECTION_STATE_UNSPECIFIED, v1::INSPECTION_STATE_ANNOUNCED},
      {v1::INSPECTION_STATE_ANNOUNCED, v1::INSPECTION_STATE_CASELOAD_RECEIVED},
      {v1::INSPECTION_STATE_CASELOAD_RECEIVED,
       v1::INSPECTION_STATE_SAMPLE_DRAWN},
      {v1::INSPECTION_STATE_SAMPLE_DRAWN, v1::INSPECTION_STATE_SAMPLE_DRAWN},
      {v1::INSPECTION_STATE_SAMPLE_DRAWN, v1::INSPECTION_STATE_FIELDWORK},
      {v1::INSPECTION_STATE_FIELDWORK, v1::INSPECTION_STATE_VERDICTS_AGREED},
      {v1::INSPECTION_STATE_VERDICTS_AGREED,
       v1::INSPECTION_STATE_REPORT_PUBLISHED},
  };
  const std::vector<std::pair<S, S>> left_to_reset_tests = {
      {v1::INSPECTION_STATE_SAMPLE_DRAWN,
       v1::INSPECTION_STATE_CASELOAD_RECEIVED},
      {v1::INSPECTION_STATE_FIELDWORK, v1::INSPECTION_STATE_CASELOAD_RECEIVED},
  };
  auto listed = [](const std::vector<std::pair<S, S>>& pairs, S from, S to) {
    return std::find(pairs.begin(), pairs.end(), std::make_pair(from, to)) !=
           pairs.end();
  };
  std::vector<Step> steps;
  for (int from = v1::InspectionState_MIN; from <= v1::InspectionState_MAX;
       ++from) {
    for (int to = v1::InspectionState_MIN; to <= v1::InspectionState_MAX;
         ++to) {
      const S f = static_cast<S>(from);
      const S t = static_cast<S>(to);
      if (listed(left_to_reset_tests, f, t)) continue;
      steps.push_back({f, t, listed(allowed, f, t)});
    }
  }
  return steps;
}

class MoveToTest : public ::testing::TestWithParam<Step> {
 protected:
  static v1::Inspection At(v1::InspectionState state) {
    v1::Inspection inspection;
    inspection.set_name(kInspection);
    inspection.set_state(state);
    return inspection;
  }
};

TEST_P(MoveToTest, FollowsTheLifecycle) {
  const Step& step = GetParam();
  v1::Inspection inspection = At(step.from);
  const v1::Inspection before = inspection;
  const absl::Time now = absl::FromUnixSeconds(1418601600);
  absl::Status moved = MoveTo(inspection, step.to, kActor, "why", now);
  if (step.allowed) {
    ASSERT_TRUE(moved.ok()) << moved;
    EXPECT_EQ(inspection.state(), step.to);
    ASSERT_EQ(inspection.transitions_size(), 1);
    const v1::StateTransition& t = inspection.transitions(0);
    EXPECT_EQ(t.from(), step.from);
    EXPECT_EQ(t.to(), step.to);
    EXPECT_EQ(t.actor(), kActor);
    EXPECT_EQ(t.reason(), "why");
    EXPECT_EQ(t.time().seconds(), 1418601600);
  } else {
    EXPECT_EQ(moved.code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_THAT(moved.message(),
                HasSubstr(absl::StrCat("inspection ", kInspection, " is ",
                                       StateName(step.from), "; ",
                                       StateName(step.to), " needs ")));
    // A refused step leaves no trace.
    EXPECT_EQ(inspection.DebugString(), before.DebugString());
  }
}

INSTANTIATE_TEST_SUITE_P(EveryPair, MoveToTest,
                         ::testing::ValuesIn(EveryStep()),
                         [](const ::testing::TestParamInfo<Step>& row) {
                           return absl::StrCat(StateName(row.param.from),
                                               "_to_", StateName(row.param.to));
                         });

TEST(MoveToRefusalTest, SaysWhatTheStepNeeds) {
  v1::Inspection inspection;
  inspection.set_name(kInspection);
  inspection.set_state(v1::INSPECTION_STATE_CASELOAD_RECEIVED);
  const absl::Status refused =
      MoveTo(inspection, v1::INSPECTION_STATE_FIELDWORK, kActor, "",
             absl::UnixEpoch());
  EXPECT_THAT(refused.message(),
              HasSubstr("FIELDWORK needs a drawn sample (DrawSample)"));
  // A program reads the state it is in and the one it asked for.
  EXPECT_THAT(refused, HasReason(common::kWrongState));
  EXPECT_EQ(
      common::ErrorInfoOf(refused)->metadata,
      (common::ErrorMetadata{{"requested_state", "INSPECTION_STATE_FIELDWORK"},
                             {"state", "INSPECTION_STATE_CASELOAD_RECEIVED"}}));
  inspection.set_state(v1::INSPECTION_STATE_FIELDWORK);
  EXPECT_THAT(MoveTo(inspection, v1::INSPECTION_STATE_SAMPLE_DRAWN, kActor, "",
                     absl::UnixEpoch())
                  .message(),
              HasSubstr("ResetSample with a reason first"));
  EXPECT_THAT(MoveTo(inspection, v1::INSPECTION_STATE_REPORT_PUBLISHED, kActor,
                     "", absl::UnixEpoch())
                  .message(),
              HasSubstr("REPORT_PUBLISHED needs verdicts agreed"));
}

TEST(MoveToRecordTest, AStepWithoutAnActorIsRecordedAsUnidentified) {
  v1::Inspection inspection;
  inspection.set_name(kInspection);
  ASSERT_TRUE(MoveTo(inspection, v1::INSPECTION_STATE_ANNOUNCED, "", "created",
                     absl::UnixEpoch())
                  .ok());
  EXPECT_EQ(inspection.transitions(0).actor(), "unidentified");
}

TEST(StateNameTest, DropsTheEnumPrefix) {
  EXPECT_EQ(StateName(v1::INSPECTION_STATE_SAMPLE_DRAWN), "SAMPLE_DRAWN");
  EXPECT_EQ(StateName(v1::INSPECTION_STATE_REPORT_PUBLISHED),
            "REPORT_PUBLISHED");
}

// ---- InspectionLifecycle on the store ----

class InspectionLifecycleTest : public IntakeDomainTest {
 protected:
  // Advancing to `to` is refused as out of order, saying `why`, and stores
  // nothing.
  // `reason` is the refusal's ErrorInfo reason.
  void ExpectAdvanceRefused(v1::InspectionState to, const std::string& why,
                            absl::string_view reason = common::kWrongState) {
    const uint64_t head = store_->HeadSequence();
    const absl::Status refused = Advance(to).status();
    EXPECT_THAT(refused,
                StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr(why)))
        << StateName(to);
    EXPECT_THAT(refused, HasReason(reason)) << StateName(to);
    EXPECT_EQ(store_->HeadSequence(), head) << StateName(to);
  }
};

TEST_F(InspectionLifecycleTest, CaseloadReceivedNeedsACaseOfTheYot) {
  ASSERT_TRUE(CreateInspection().ok());
  ASSERT_TRUE(
      Create(testing::EligibleCreateCaseRequest("southvale", "S-0")).ok());
  ExpectAdvanceRefused(v1::INSPECTION_STATE_CASELOAD_RECEIVED,
                       "is ANNOUNCED; no case of yots/northmoor is stored "
                       "yet: submit the caseload first",
                       common::kNoCaseload);

  AddEligibleCases(1);
  auto received =
      Advance(v1::INSPECTION_STATE_CASELOAD_RECEIVED, "caseload file checked");
  ASSERT_TRUE(received.ok()) << received.status();
  EXPECT_EQ(received->state(), v1::INSPECTION_STATE_CASELOAD_RECEIVED);
  const v1::StateTransition& step = *received->transitions().rbegin();
  EXPECT_EQ(step.from(), v1::INSPECTION_STATE_ANNOUNCED);
  EXPECT_EQ(step.actor(), kActor);
  EXPECT_EQ(step.reason(), "caseload file checked");
  EXPECT_TRUE(step.has_time());
  // Stored and logged for the findings service.
  EXPECT_EQ(StoredInspection()->etag(), received->etag());
  auto changes = Changes(store_->HeadSequence() - 1);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_TRUE(changes[0].for_findings());
  EXPECT_EQ(changes[0].inspection_stored().state(),
            v1::INSPECTION_STATE_CASELOAD_RECEIVED);
}

TEST_F(InspectionLifecycleTest, AStepWithoutAReasonSaysItWasAskedFor) {
  ASSERT_TRUE(AnnouncedOver(1));
  auto received = Advance(v1::INSPECTION_STATE_CASELOAD_RECEIVED);
  ASSERT_TRUE(received.ok()) << received.status();
  EXPECT_EQ(received->transitions().rbegin()->reason(), "advanced on request");
}

TEST_F(InspectionLifecycleTest, AdvancingToTheCurrentStateChangesNothing) {
  ASSERT_TRUE(AnnouncedOver(1));
  auto received = Advance(v1::INSPECTION_STATE_CASELOAD_RECEIVED);
  ASSERT_TRUE(received.ok()) << received.status();
  const uint64_t head = store_->HeadSequence();
  auto again = Advance(v1::INSPECTION_STATE_CASELOAD_RECEIVED, "once more");
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->etag(), received->etag());
  EXPECT_EQ(again->transitions_size(), received->transitions_size());
  EXPECT_EQ(store_->HeadSequence(), head);
}

TEST_F(InspectionLifecycleTest, TheWholeLifecycleIsRecordedInOrder) {
  InspectionWithSample();
  auto fieldwork = StartFieldwork();
  ASSERT_TRUE(fieldwork.ok()) << fieldwork.status();
  EXPECT_EQ(fieldwork->transitions().rbegin()->reason(),
            "fieldwork started: the sample is fixed");
  ASSERT_TRUE(Advance(v1::INSPECTION_STATE_VERDICTS_AGREED, "panel met").ok());
  auto published = Advance(v1::INSPECTION_STATE_REPORT_PUBLISHED);
  ASSERT_TRUE(published.ok()) << published.status();
  EXPECT_THAT(StatesOf(*published),
              ElementsAre(v1::INSPECTION_STATE_ANNOUNCED,
                          v1::INSPECTION_STATE_CASELOAD_RECEIVED,
                          v1::INSPECTION_STATE_SAMPLE_DRAWN,
                          v1::INSPECTION_STATE_FIELDWORK,
                          v1::INSPECTION_STATE_VERDICTS_AGREED,
                          v1::INSPECTION_STATE_REPORT_PUBLISHED));
  for (const auto& t : published->transitions()) {
    EXPECT_EQ(t.actor(), kActor) << StateName(t.to());
  }
  // Idempotent once there.
  const uint64_t head = store_->HeadSequence();
  ASSERT_TRUE(Advance(v1::INSPECTION_STATE_REPORT_PUBLISHED).ok());
  EXPECT_EQ(store_->HeadSequence(), head);
}

TEST_F(InspectionLifecycleTest, StepsOutOfOrderAreRefusedAndStoreNothing) {
  ASSERT_TRUE(AnnouncedOver(1));
  ExpectAdvanceRefused(
      v1::INSPECTION_STATE_VERDICTS_AGREED,
      "is ANNOUNCED; VERDICTS_AGREED needs fieldwork under way");
  ExpectAdvanceRefused(v1::INSPECTION_STATE_REPORT_PUBLISHED,
                       "REPORT_PUBLISHED needs verdicts agreed");
  EXPECT_EQ(StoredInspection()->state(), v1::INSPECTION_STATE_ANNOUNCED);

  ASSERT_TRUE(Draw(11).ok());
  ExpectAdvanceRefused(v1::INSPECTION_STATE_VERDICTS_AGREED, "is SAMPLE_DRAWN");
}

TEST_F(InspectionLifecycleTest, FieldworkNeedsASample) {
  ASSERT_TRUE(AnnouncedOver(1));
  auto refused = StartFieldwork();
  EXPECT_THAT(
      refused.status(),
      StatusIs(absl::StatusCode::kFailedPrecondition,
               HasSubstr("is in state ANNOUNCED and has no sample; call "
                         "DrawSample first")));
  EXPECT_THAT(refused.status(), HasReason(common::kNoSample));
}

TEST_F(InspectionLifecycleTest, FieldworkFixesOnlyTheSampleTheCallerSaw) {
  InspectionWithSample();
  ASSERT_TRUE(Draw(12).ok());  // revision 2
  const uint64_t head = store_->HeadSequence();
  auto stale = StartFieldwork(/*sample_revision=*/1);
  EXPECT_THAT(
      stale.status(),
      StatusIs(absl::StatusCode::kFailedPrecondition,
               HasSubstr("is revision 2, not 1; reload the inspection")));
  EXPECT_THAT(stale.status(), HasReason(common::kSampleRevisionChanged));
  EXPECT_EQ(common::ErrorInfoOf(stale.status())->metadata.at("sample_revision"),
            "2");
  EXPECT_EQ(
      common::ErrorInfoOf(stale.status())->metadata.at("requested_revision"),
      "1");
  EXPECT_EQ(store_->HeadSequence(), head);
  auto started = StartFieldwork(/*sample_revision=*/2);
  ASSERT_TRUE(started.ok()) << started.status();
  EXPECT_EQ(started->state(), v1::INSPECTION_STATE_FIELDWORK);
}

TEST_F(InspectionLifecycleTest, StartingFieldworkAgainChangesNothing) {
  InspectionWithSample();
  auto started = StartFieldwork();
  ASSERT_TRUE(started.ok()) << started.status();
  const uint64_t head = store_->HeadSequence();
  auto again = StartFieldwork();
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(again->state(), v1::INSPECTION_STATE_FIELDWORK);
  EXPECT_EQ(again->etag(), started->etag());
  EXPECT_EQ(store_->HeadSequence(), head);
}

TEST_F(InspectionLifecycleTest, FieldworkCannotStartAgainOnceItIsOver) {
  InspectionWithSample();
  ASSERT_TRUE(StartFieldwork().ok());
  ASSERT_TRUE(Advance(v1::INSPECTION_STATE_VERDICTS_AGREED).ok());
  auto refused = StartFieldwork();
  EXPECT_THAT(
      refused.status(),
      StatusIs(absl::StatusCode::kFailedPrecondition,
               HasSubstr("is in state VERDICTS_AGREED: fieldwork is over")));
  EXPECT_THAT(refused.status(), HasReason(common::kWrongState));
  EXPECT_EQ(StoredInspection()->state(), v1::INSPECTION_STATE_VERDICTS_AGREED);
}

TEST_F(InspectionLifecycleTest, AnUnknownInspectionIsNotFound) {
  auto advanced = Advance(v1::INSPECTION_STATE_VERDICTS_AGREED);
  EXPECT_THAT(
      advanced.status(),
      StatusIs(absl::StatusCode::kNotFound,
               HasSubstr("inspection inspections/northmoor-2014 does not "
                         "exist")));
  EXPECT_EQ(StartFieldwork().status().code(), absl::StatusCode::kNotFound);
}

// Malformed requests: refused with the field named before the store is
// reached.
using AdvanceRow = testing::ViolationRow<v1::AdvanceInspectionRequest>;
using StartRow = testing::ViolationRow<v1::StartFieldworkRequest>;

// `row`'s change to an Advance of kInspection to VERDICTS_AGREED.
MalformedStep MalformedAdvance(AdvanceRow row) {
  auto request = ForInspection<v1::AdvanceInspectionRequest>();
  request.set_state(v1::INSPECTION_STATE_VERDICTS_AGREED);
  return Malformed(&InspectionLifecycle::Advance, request, std::move(row));
}

// `row`'s change to a StartFieldwork of kInspection.
MalformedStep MalformedStart(StartRow row) {
  return Malformed(&InspectionLifecycle::StartFieldwork,
                   ForInspection<v1::StartFieldworkRequest>(), std::move(row));
}

class MalformedLifecycleStepTest
    : public ::testing::TestWithParam<MalformedStep> {};

TEST_P(MalformedLifecycleStepTest, IsRefusedNamingTheFieldAndStoresNothing) {
  ExpectRefusedBeforeTheStore(GetParam());
}

// The sample's own steps have their own calls: Advance names them.
MalformedStep ToState(std::string name, v1::InspectionState state) {
  return MalformedAdvance(AdvanceRow(
      std::move(name),
      [state](v1::AdvanceInspectionRequest& r) { r.set_state(state); },
      {"state"}));
}

INSTANTIATE_TEST_SUITE_P(
    Advance, MalformedLifecycleStepTest,
    ::testing::Values(MalformedAdvance(testing::Bad("MalformedName", "name",
                                                    "northmoor")),
                      ToState("NoState", v1::INSPECTION_STATE_UNSPECIFIED),
                      ToState("Announced", v1::INSPECTION_STATE_ANNOUNCED),
                      ToState("SampleDrawn", v1::INSPECTION_STATE_SAMPLE_DRAWN),
                      ToState("Fieldwork", v1::INSPECTION_STATE_FIELDWORK),
                      MalformedAdvance(testing::Bad("ReasonTooLong", "reason",
                                                    std::string(501, 'x')))),
    testing::RowName());

INSTANTIATE_TEST_SUITE_P(
    StartFieldwork, MalformedLifecycleStepTest,
    ::testing::Values(MalformedStart(testing::Missing("MissingName", "name")),
                      MalformedStart(testing::Bad("NegativeRevision",
                                                  "sample_revision", -1))),
    testing::RowName());

TEST(AdvanceStateTest, AStateOfTheSampleNamesItsOwnCall) {
  testing::EmptyIntakeStore store;
  InspectionLifecycle lifecycle(store);
  v1::AdvanceInspectionRequest request;
  request.set_name(kInspection);
  request.set_state(v1::INSPECTION_STATE_FIELDWORK);
  auto refused = Await<absl::StatusOr<v1::Inspection>>(
      [&](auto done) { lifecycle.Advance(request, kActor, std::move(done)); });
  ASSERT_EQ(common::ViolationsOf(refused.status()).size(), 1u);
  EXPECT_THAT(common::ViolationsOf(refused.status())[0].description,
              HasSubstr("DrawSample, StartFieldwork, ResetSample"));
}

}  // namespace
}  // namespace yjinspect::intake
