// What two markings of one record say together: disagreements, the hold on
// the record, the answers verdicts use, and the blind rule.

#include "services/findings/moderation/double_marking.h"

#include "gtest/gtest.h"

namespace yjinspect::findings {
namespace {

v1::Judgement Answer(const std::string& criterion, const std::string& answer) {
  v1::Judgement j;
  j.set_criterion_id(criterion);
  j.set_answer(answer);
  return j;
}

DoubleMarkedRecord Record(bool submitted) {
  DoubleMarkedRecord r;
  r.record_name = "yots/northmoor/cases/N-1";
  r.findings_name = "inspections/northmoor-2026/caseFindings/N-1";
  r.second_marker_reference = "INSP-09";
  r.first.emplace();
  r.first->set_inspector_reference("INSP-01");
  *r.first->add_judgements() = Answer("1.1", "yes");
  *r.first->add_judgements() = Answer("1.2", "no");
  *r.first->add_judgements() = Answer("1.3", "na");
  r.second.emplace();
  r.second->set_second_marker_reference("INSP-09");
  *r.second->add_judgements() = Answer("1.1", "yes");
  *r.second->add_judgements() = Answer("1.2", "yes");
  *r.second->add_judgements() = Answer("1.4", "no");  // unpaired
  r.second->set_submitted(submitted);
  return r;
}

void Resolve(DoubleMarkedRecord& r, const std::string& criterion,
             const std::string& first, const std::string& second,
             const std::string& agreed) {
  storage::v1::StoredResolution* s = r.resolutions.add_resolutions();
  s->set_criterion_id(criterion);
  s->set_first_answer(first);
  s->set_second_answer(second);
  s->mutable_resolution()->set_agreed_answer(agreed);
}

TEST(DoubleMarkingTest, NothingIsComparedBeforeSubmission) {
  DoubleMarkedRecord r = Record(false);
  EXPECT_TRUE(DisagreementsOf(r).empty());
  auto hold = HoldOf(r);
  ASSERT_TRUE(hold.has_value());
  EXPECT_TRUE(hold->second_marking_pending());
  // The verdicts use the first marker's answers meanwhile.
  EXPECT_EQ(SettledFindings(r).judgements(1).answer(), "no");
}

TEST(DoubleMarkingTest, OnlyCriteriaBothAnsweredDifferentlyDisagree) {
  DoubleMarkedRecord r = Record(true);
  auto found = DisagreementsOf(r);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].criterion_id(), "1.2");
  EXPECT_EQ(found[0].first_answer(), "no");
  EXPECT_EQ(found[0].second_answer(), "yes");
  EXPECT_EQ(found[0].first_marker_reference(), "INSP-01");
  EXPECT_FALSE(found[0].has_resolution());
  auto hold = HoldOf(r);
  ASSERT_TRUE(hold.has_value());
  EXPECT_FALSE(hold->second_marking_pending());
  ASSERT_EQ(hold->open_criterion_ids_size(), 1);
  EXPECT_EQ(hold->open_criterion_ids(0), "1.2");
}

TEST(DoubleMarkingTest, AResolutionSettlesTheAnswersItResolvedOnly) {
  DoubleMarkedRecord r = Record(true);
  Resolve(r, "1.2", "no", "yes", "yes");
  EXPECT_FALSE(HoldOf(r).has_value());
  EXPECT_EQ(SettledFindings(r).judgements(1).answer(), "yes");
  EXPECT_EQ(DisagreementsOf(r)[0].resolution().agreed_answer(), "yes");
  // The first marker changes the answer: the old resolution no longer
  // holds, the disagreement is open again and the new answer counts.
  r.first->mutable_judgements(1)->set_answer("na");
  EXPECT_FALSE(DisagreementsOf(r)[0].has_resolution());
  ASSERT_TRUE(HoldOf(r).has_value());
  EXPECT_EQ(SettledFindings(r).judgements(1).answer(), "na");
}

TEST(DoubleMarkingTest, OnlyTheUnsubmittedSecondMarkerIsBlind) {
  DoubleMarkedRecord r = Record(false);
  EXPECT_TRUE(BlindedFrom(r, "INSP-09"));
  EXPECT_FALSE(BlindedFrom(r, "INSP-01"));
  EXPECT_FALSE(BlindedFrom(r, ""));
  r.second->set_submitted(true);
  EXPECT_FALSE(BlindedFrom(r, "INSP-09"));
  // Assigned, nothing recorded yet: blind too.
  DoubleMarkedRecord fresh = Record(false);
  fresh.second.reset();
  EXPECT_TRUE(BlindedFrom(fresh, "INSP-09"));
}

}  // namespace
}  // namespace yjinspect::findings
