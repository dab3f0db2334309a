// Judging victims' cases over real gRPC, intake and findings in this
// process: a hmip-youth-2025 inspection whose sample holds children's cases
// and victims' cases. A victim's case is judged only on the work with
// victims, keeps findings of its own even where its reference is a child's
// case's, is counted in its own section's verdicts and in the progress,
// and its findings go when it is erased.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/integration/findings_fixture.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/status_matchers.h"

namespace yjinspect {
namespace {

using testing::Call;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

using Intake = v1::CaseIntake::Stub;
using Findings = v1::Findings::Stub;

constexpr char kYot[] = "eastvale";
constexpr char kInspectionId[] = "eastvale-2025";
constexpr char kInspection[] = "inspections/eastvale-2025";

std::string ChildCase(const std::string& id) {
  return absl::StrCat("yots/", kYot, "/cases/", id);
}
std::string VictimCase(const std::string& id) {
  return absl::StrCat("yots/", kYot, "/victimCases/", id);
}

// FindingsTest's own (sqs-2014) inspection runs beside this one, of
// another YOT: nothing of it may show here.
class VictimsFindingsTest : public FindingsTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(FindingsTest::SetUp());
    std::vector<std::string> named;
    for (const char* id : {"E-1", "E-2", "E-3"}) {
      auto created = Call(intake_.stub(), &Intake::CreateCase,
                          testing::ValidCreateCaseRequest(kYot, id));
      ASSERT_TRUE(created.ok()) << created.status();
      named.push_back(created->name());
    }
    // "E-1" is also a victim's case: the victim of the child of case E-1,
    // recorded by the YOT under the same reference.
    for (const char* id : {"V-1", "V-2", "E-1"}) {
      auto created =
          Call(intake_.stub(), &Intake::CreateVictimCase,
               testing::ValidCreateVictimCaseRequest(kYot, id, "E-1"));
      ASSERT_TRUE(created.ok()) << created.status();
      named.push_back(created->name());
    }
    v1::CreateInspectionRequest create =
        testing::ValidCreateInspectionRequest(kInspectionId, kYot);
    create.mutable_inspection()->set_framework_id("hmip-youth-2025");
    create.mutable_inspection()->set_framework_version("1");
    ASSERT_TRUE(Call(intake_.stub(), &Intake::CreateInspection, create).ok());
    v1::DrawSampleRequest draw;
    draw.set_name(kInspection);
    for (const std::string& name : named) draw.add_named_cases(name);
    auto drawn = Call(intake_.stub(), &Intake::DrawSample, draw);
    ASSERT_TRUE(drawn.ok()) << drawn.status();
    ASSERT_EQ(drawn->sample().cases_size(), 6);
    ASSERT_TRUE(CaughtUp());
  }

  absl::StatusOr<v1::CaseFindings> Judge(const std::string& record,
                                         const std::string& criterion,
                                         const std::string& answer) {
    v1::RecordJudgementsRequest request;
    request.set_inspection(kInspection);
    request.set_case_(record);
    request.set_inspector_reference("INSP-05");
    *request.add_judgements() = Answer(criterion, answer);
    return Record(request);
  }

  absl::StatusOr<v1::CaseFindings> Get(const std::string& findings_name) {
    v1::GetCaseFindingsRequest request;
    request.set_name(findings_name);
    return Call(findings_.stub(), &Findings::GetCaseFindings, request);
  }

  v1::InspectionProgress Progress() {
    v1::GetInspectionProgressRequest request;
    request.set_inspection(kInspection);
    auto progress =
        Call(findings_.stub(), &Findings::GetInspectionProgress, request);
    EXPECT_TRUE(progress.ok()) << progress.status();
    return progress.ok() ? *progress : v1::InspectionProgress();
  }
};

TEST_F(VictimsFindingsTest, AVictimsCaseIsJudgedOnTheWorkWithVictimsOnly) {
  auto judged = Judge(VictimCase("V-1"), "v1.1", "yes");
  ASSERT_TRUE(judged.ok()) << judged.status();
  EXPECT_EQ(judged->name(),
            absl::StrCat(kInspection, "/victimCaseFindings/V-1"));
  EXPECT_EQ(judged->case_(), VictimCase("V-1"));
  auto read = Get(judged->name());
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->etag(), judged->etag());

  // A children's criterion for a victim's case, and the victims' criterion
  // for a child's case: refused, naming the field, and nothing stored.
  auto wrong_pool = Judge(VictimCase("V-2"), "2.1-positive_change", "yes");
  ASSERT_EQ(wrong_pool.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(FieldsOf(wrong_pool.status()),
              ElementsAre("judgements[0].criterion_id"));
  EXPECT_THAT(std::string(wrong_pool.status().message()),
              HasSubstr("sampled in victims"));
  EXPECT_EQ(
      Get(absl::StrCat(kInspection, "/victimCaseFindings/V-2")).status().code(),
      absl::StatusCode::kNotFound);
  auto child = Judge(ChildCase("E-2"), "v1.1", "yes");
  ASSERT_EQ(child.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(child.status().message()),
              HasSubstr("sampled in court-disposals"));

  // A name that is neither a case nor a victim's case.
  auto malformed = Judge("yots/eastvale/victims/V-1", "v1.1", "yes");
  ASSERT_EQ(malformed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(FieldsOf(malformed.status()), ElementsAre("case"));
}

TEST_F(VictimsFindingsTest, AVictimsCaseAndAChildsCaseOfOneReferenceStayApart) {
  ASSERT_TRUE(Judge(ChildCase("E-1"), "2.1-positive_change", "yes").ok());
  ASSERT_TRUE(Judge(VictimCase("E-1"), "v1.1", "no").ok());
  ASSERT_TRUE(Judge(VictimCase("E-1"), "v1.1", "no").ok());  // no change

  auto child = Get(absl::StrCat(kInspection, "/caseFindings/E-1"));
  auto victim = Get(absl::StrCat(kInspection, "/victimCaseFindings/E-1"));
  ASSERT_TRUE(child.ok()) << child.status();
  ASSERT_TRUE(victim.ok()) << victim.status();
  ASSERT_EQ(child->judgements_size(), 1);
  EXPECT_EQ(child->judgements(0).criterion_id(), "2.1-positive_change");
  EXPECT_EQ(child->case_(), ChildCase("E-1"));
  ASSERT_EQ(victim->judgements_size(), 1);
  EXPECT_EQ(victim->judgements(0).answer(), "no");
  EXPECT_EQ(victim->revision(), 1);

  v1::ListJudgementHistoryRequest history;
  history.set_name(victim->name());
  auto revisions =
      Call(findings_.stub(), &Findings::ListJudgementHistory, history);
  ASSERT_TRUE(revisions.ok()) << revisions.status();
  EXPECT_EQ(revisions->revisions_size(), 1);

  v1::ListCaseFindingsRequest list;
  list.set_parent(kInspection);
  auto listed = Call(findings_.stub(), &Findings::ListCaseFindings, list);
  ASSERT_TRUE(listed.ok()) << listed.status();
  std::vector<std::string> names;
  for (const auto& f : listed->case_findings()) names.push_back(f.name());
  EXPECT_THAT(names,
              ::testing::UnorderedElementsAre(child->name(), victim->name()));
}

TEST_F(VictimsFindingsTest, VerdictsCountVictimsCasesInTheirOwnSection) {
  for (const char* id : {"E-1", "E-2", "E-3"}) {
    ASSERT_TRUE(Judge(ChildCase(id), "2.1-positive_change", "yes").ok());
  }
  ASSERT_TRUE(Judge(VictimCase("V-1"), "v1.1", "yes").ok());
  ASSERT_TRUE(Judge(VictimCase("V-2"), "v1.1", "yes").ok());
  ASSERT_TRUE(Judge(VictimCase("E-1"), "v1.1", "no").ok());

  v1::GetVerdictsRequest request;
  request.set_inspection(kInspection);
  auto verdicts = Call(findings_.stub(), &Findings::GetVerdicts, request);
  ASSERT_TRUE(verdicts.ok()) << verdicts.status();
  bool victims_counted = false;
  bool children_counted = false;
  for (const v1::CriterionCount& count : verdicts->criteria()) {
    if (count.criterion_id() == "v1.1") {
      victims_counted = true;
      EXPECT_EQ(count.positive(), 2);
      EXPECT_EQ(count.negative(), 1);
      EXPECT_EQ(count.unanswered(), 0);
    }
    if (count.criterion_id() == "2.1-positive_change") {
      children_counted = true;
      EXPECT_EQ(count.positive(), 3);
      EXPECT_EQ(count.negative() + count.unanswered(), 0)
          << "victims' cases are not in the children's sections";
    }
  }
  EXPECT_TRUE(victims_counted);
  EXPECT_TRUE(children_counted);
  for (const v1::SectionVerdict& section : verdicts->sections()) {
    if (section.section_id() == "v1" || section.section_id() == "2.1") {
      EXPECT_EQ(section.cases_in_scope(), 3) << section.section_id();
    }
  }

  const v1::InspectionProgress progress = Progress();
  EXPECT_EQ(progress.sample_size(), 6);
  EXPECT_EQ(progress.cases_received(), 6);
  EXPECT_EQ(progress.cases_judged(), 6);
}

TEST_F(VictimsFindingsTest, AnErasedVictimsCaseTakesItsFindings) {
  ASSERT_TRUE(Judge(ChildCase("E-1"), "2.1-positive_change", "yes").ok());
  ASSERT_TRUE(Judge(VictimCase("E-1"), "v1.1", "yes").ok());
  v1::DeleteVictimCaseRequest erase;
  erase.set_name(VictimCase("E-1"));
  erase.set_reason("the victim asked for the record to be erased");
  ASSERT_TRUE(Call(intake_.stub(), &Intake::DeleteVictimCase, erase).ok());
  ASSERT_TRUE(CaughtUp());

  EXPECT_EQ(
      Get(absl::StrCat(kInspection, "/victimCaseFindings/E-1")).status().code(),
      absl::StatusCode::kNotFound);
  EXPECT_TRUE(Get(absl::StrCat(kInspection, "/caseFindings/E-1")).ok())
      << "the child's case of the same reference keeps its findings";
  EXPECT_EQ(Progress().cases_received(), 5);
  // It can no longer be judged: findings no longer holds it.
  auto again = Judge(VictimCase("E-1"), "v1.1", "yes");
  EXPECT_EQ(again.status().code(), absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace yjinspect
