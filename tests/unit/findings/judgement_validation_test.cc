// services/findings/judgement_validation.h: a RecordJudgements request's
// own shape (each bad field named exactly, boundary values accepted), then
// its answers against the real built-in frameworks: unknown criteria,
// criteria not judged from case files, sections whose scope does not cover
// the case's disposal, answers outside the criterion's scale; and staff
// interview answers against the interview section.

#include "services/findings/judgement_validation.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/frameworks/framework_registry.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/built_in_frameworks.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/matchers.h"
#include "tests/unit/intake/violation_rows.h"

namespace yjinspect::findings {
namespace {

using ::testing::AllOf;
using testing::Bad;
using testing::Missing;
using testing::ViolatedFields;
using testing::ViolationOf;
using Request = v1::RecordJudgementsRequest;
using Row = testing::ViolationRow<Request>;
using ValidRow = testing::ValidRow<Request>;

const v1::Framework& Framework(const std::string& id,
                               const std::string& version) {
  const v1::Framework* framework =
      testing::BuiltInFrameworks().Find(id, version);
  EXPECT_NE(framework, nullptr) << id << " version " << version;
  return *framework;
}

v1::Judgement Answer(const std::string& criterion, const std::string& answer) {
  v1::Judgement j;
  j.set_criterion_id(criterion);
  j.set_answer(answer);
  return j;
}

Request ValidRequest() {
  Request request;
  request.set_inspection("inspections/northmoor-2026");
  request.set_case_("yots/northmoor/cases/NM-0001");
  request.set_inspector_reference("INSP-01");
  *request.add_judgements() = Answer("1.1", "yes");
  v1::Judgement noted = Answer("2.5", "under_estimated");
  noted.set_evidence_note("The plan did not mention the risk to a sibling.");
  *request.add_judgements() = noted;
  return request;
}

// `count` answers to distinct (made-up) criteria: only the shape is checked.
void SetManyJudgements(Request& r, int count) {
  r.clear_judgements();
  for (int i = 0; i < count; ++i) {
    *r.add_judgements() = Answer(absl::StrCat("c.", i), "yes");
  }
}

TEST(RecordRequestShapeTest, TheValidRequestHasNoViolation) {
  EXPECT_THAT(ViolatedFields(ValidateRecordRequest(ValidRequest())), IsEmpty());
}

TEST(RecordRequestShapeTest, AnEmptyRequestNamesEveryRequiredField) {
  EXPECT_THAT(ViolatedFields(ValidateRecordRequest(Request())),
              UnorderedElementsAreArray(
                  {"inspection", "case", "inspector_reference", "judgements"}));
}

class BadRecordRequestTest : public ::testing::TestWithParam<Row> {};

TEST_P(BadRecordRequestTest, NamesExactlyTheBadField) {
  testing::ExpectRowViolations(GetParam(), ValidRequest(),
                               ValidateRecordRequest,
                               "RecordJudgements request");
}

INSTANTIATE_TEST_SUITE_P(
    RecordRequests, BadRecordRequestTest,
    ::testing::Values(
        Missing("InspectionMissing", "inspection"),
        Bad("InspectionWithoutCollection", "inspection", "northmoor-2026"),
        Bad("InspectionIdUpperCase", "inspection", "inspections/Northmoor"),
        Missing("CaseMissing", "case"),
        Bad("CaseWithoutYot", "case", "cases/NM-0001"),
        Bad("CaseIsAYot", "case", "yots/northmoor"),
        Missing("InspectorReferenceMissing", "inspector_reference"),
        Bad("InspectorReferenceWithSpace", "inspector_reference", "INSP 01"),
        Bad("InspectorReferenceOf33Characters", "inspector_reference",
            std::string(33, 'I')),
        Bad("EtagWithDash", "etag", "abc-def"),
        Bad("EtagOf65Characters", "etag", std::string(65, 'e')),
        Row{"NoJudgements",
            [](Request& r) { r.clear_judgements(); },
            {"judgements"}},
        Row{"201Judgements",
            [](Request& r) { SetManyJudgements(r, 201); },
            {"judgements"}},
        Missing("CriterionMissing", "judgements[0].criterion_id"),
        Bad("CriterionWithSpace", "judgements[0].criterion_id", "1 1"),
        Bad("CriterionOf65Characters", "judgements[0].criterion_id",
            std::string(65, '1')),
        Missing("AnswerMissing", "judgements[1].answer"),
        Bad("AnswerWithDot", "judgements[1].answer", "yes."),
        Bad("EvidenceNoteOf2001Characters", "judgements[1].evidence_note",
            std::string(kMaxEvidenceNoteChars + 1, 'n')),
        Bad("EvidenceNoteWithControlCharacter", "judgements[1].evidence_note",
            "seen\x01"),
        // The second answer to a criterion is the one named.
        Bad("CriterionAnsweredTwice", "judgements[1].criterion_id", "1.1")),
    testing::RowName());

class ValidRecordRequestTest : public ::testing::TestWithParam<ValidRow> {};

TEST_P(ValidRecordRequestTest, IsValid) {
  Request request = ValidRequest();
  GetParam().mutate(request);
  EXPECT_THAT(ViolatedFields(ValidateRecordRequest(request)), IsEmpty());
}

INSTANTIATE_TEST_SUITE_P(
    RecordRequests, ValidRecordRequestTest,
    ::testing::Values(
        ValidRow{"EtagOf64Characters",
                 [](Request& r) { r.set_etag(std::string(64, 'e')); }},
        ValidRow{"InspectorReferenceOf32Characters",
                 [](Request& r) {
                   r.set_inspector_reference(std::string(32, 'I'));
                 }},
        ValidRow{
            "200Judgements",
            [](Request& r) { SetManyJudgements(r, kMaxJudgementsPerCall); }},
        ValidRow{"EvidenceNoteOf2000CharactersOnLines",
                 [](Request& r) {
                   std::string note(kMaxEvidenceNoteChars, 'n');
                   note[10] = '\n';
                   note[20] = '\t';
                   r.mutable_judgements(1)->set_evidence_note(note);
                 }}),
    testing::RowName());

TEST(AnswersAgainstFrameworkTest, AnswersOfTheScaleToCaseCriteriaPass) {
  EXPECT_THAT(ViolatedFields(ValidateAgainstFramework(
                  ValidRequest(), Framework("sqs-2014", "2"),
                  testing::ValidCase(), "cases")),
              IsEmpty());
}

TEST(AnswersAgainstFrameworkTest, EachBadAnswerIsNamedByItsPosition) {
  Request request = ValidRequest();
  request.clear_judgements();
  *request.add_judgements() = Answer("1.1", "yes");
  *request.add_judgements() = Answer("9.99", "yes");  // no such criterion
  *request.add_judgements() = Answer("om.1", "yes");  // staff interviews
  *request.add_judgements() = Answer("1.2", "maybe");
  EXPECT_THAT(
      ValidateAgainstFramework(request, Framework("sqs-2014", "2"),
                               testing::ValidCase(), "cases")
          .violations(),
      ElementsAre(ViolationOf("judgements[1].criterion_id",
                              HasSubstr("not in framework sqs-2014 version 2")),
                  ViolationOf("judgements[2].criterion_id",
                              HasSubstr("is not judged from case files")),
                  // The caller is told what the scale allows.
                  ViolationOf("judgements[3].answer",
                              HasSubstr("one of yes, no, na"))));
}

TEST(AnswersAgainstFrameworkTest, AValueOfAnotherScaleIsRefused) {
  Request request = ValidRequest();
  request.clear_judgements();
  *request.add_judgements() = Answer("1.1", "na");  // 1.1 is yes/no only
  EXPECT_THAT(ValidateAgainstFramework(request, Framework("sqs-2014", "2"),
                                       testing::ValidCase(), "cases")
                  .violations(),
              ElementsAre(ViolationOf("judgements[0].answer",
                                      HasSubstr("one of yes, no"))));
}

// hmip-youth-2018 judges court disposals (sections 2.x) and out-of-court
// disposals (3.x) by different standards.
TEST(AnswersAgainstFrameworkTest, ASectionMustCoverTheCasesDisposal) {
  const v1::Framework& framework = Framework("hmip-youth-2018", "1");
  Request request = ValidRequest();
  request.clear_judgements();
  *request.add_judgements() = Answer("2.1-desistance", "yes");
  *request.add_judgements() = Answer("3.1-desistance", "yes");

  v1::Case court = testing::ValidCase();  // a referral order
  EXPECT_THAT(
      ValidateAgainstFramework(request, framework, court, "cases").violations(),
      ElementsAre(ViolationOf("judgements[1].criterion_id",
                              HasSubstr("applies to out-of-court "
                                        "disposals"))));

  v1::Case caution = testing::ValidCase();
  caution.mutable_disposal()->set_type(v1::DISPOSAL_TYPE_YOUTH_CAUTION);
  EXPECT_THAT(ValidateAgainstFramework(request, framework, caution, "cases")
                  .violations(),
              ElementsAre(ViolationOf(
                  "judgements[0].criterion_id",
                  AllOf(HasSubstr("applies to court disposals"),
                        HasSubstr("DISPOSAL_TYPE_YOUTH_CAUTION")))));
}

// With pools, a section covers the cases of the pools it names, whatever
// their disposal: the pool the case was sampled in decides.
TEST(AnswersAgainstFrameworkTest, APooledSectionMustCoverTheCasesPool) {
  v1::Framework framework = Framework("hmip-youth-2018", "1");
  for (v1::Section& section : *framework.mutable_sections()) {
    if (section.scope() == v1::CASE_SCOPE_COURT_DISPOSALS) {
      section.add_pools("court-disposals");
    } else if (section.scope() == v1::CASE_SCOPE_OUT_OF_COURT_DISPOSALS) {
      section.add_pools("out-of-court-disposals");
    }
    section.clear_scope();
  }
  Request request = ValidRequest();
  request.clear_judgements();
  *request.add_judgements() = Answer("2.1-desistance", "yes");
  *request.add_judgements() = Answer("3.1-desistance", "yes");
  const v1::Case court = testing::ValidCase();
  EXPECT_THAT(
      ValidateAgainstFramework(request, framework, court, "court-disposals")
          .violations(),
      ElementsAre(ViolationOf(
          "judgements[1].criterion_id",
          AllOf(HasSubstr("applies to the cases of out-of-court-disposals"),
                HasSubstr("sampled in court-disposals")))));
  EXPECT_THAT(
      ValidateAgainstFramework(request, framework, court, "").violations(),
      ElementsAre(ViolationOf("judgements[0].criterion_id",
                              HasSubstr("sampled in no pool")),
                  ViolationOf("judgements[1].criterion_id",
                              HasSubstr("sampled in no pool"))));
}

// A victim's case is judged only on sections naming its pool: in
// hmip-youth-2025, the work with victims.
TEST(AnswersAgainstFrameworkTest, AVictimsCaseAnswersOnlyTheVictimsSection) {
  const v1::Framework& framework = Framework("hmip-youth-2025", "1");
  Request request = ValidRequest();
  request.set_case_("yots/northmoor/victimCases/V-0001");
  request.clear_judgements();
  *request.add_judgements() = Answer("v1.1", "yes");
  EXPECT_TRUE(
      ValidateVictimCaseAgainstFramework(request, framework, "victims").empty());
  *request.add_judgements() = Answer("2.1-positive_change", "yes");
  *request.add_judgements() = Answer("v1.1", "maybe");
  EXPECT_THAT(
      ValidateVictimCaseAgainstFramework(request, framework, "victims")
          .violations(),
      ElementsAre(ViolationOf("judgements[1].criterion_id",
                              HasSubstr("sampled in victims")),
                  ViolationOf("judgements[2].answer",
                              HasSubstr("'maybe' is not an answer"))));
  // A section without pools (an older framework's) judges children only.
  const v1::Framework& sqs = Framework("sqs-2014", "2");
  request.clear_judgements();
  *request.add_judgements() = Answer("1.1", "yes");
  EXPECT_THAT(ValidateVictimCaseAgainstFramework(request, sqs, "").violations(),
              ElementsAre(ViolationOf("judgements[0].criterion_id",
                                      HasSubstr("this is a victim's case"))));
  // And a child's case cannot answer the victims' section.
  request.clear_judgements();
  *request.add_judgements() = Answer("v1.1", "yes");
  EXPECT_THAT(ValidateAgainstFramework(request, framework, testing::ValidCase(),
                                       "court-disposals")
                  .violations(),
              ElementsAre(ViolationOf("judgements[0].criterion_id",
                                      HasSubstr("cases of victims"))));
}

// The case may be a child's case or a victim's case, nothing else.
TEST(RecordRequestTest, TheCaseIsAChildsOrAVictimsCase) {
  Request request = ValidRequest();
  request.set_case_("yots/northmoor/victimCases/V-0001");
  EXPECT_TRUE(ValidateRecordRequest(request).empty());
  request.set_case_("yots/northmoor/victims/V-0001");
  EXPECT_THAT(
      ValidateRecordRequest(request).violations(),
      ElementsAre(ViolationOf(
          "case", "must be yots/{yot}/cases/{case} or "
                  "yots/{yot}/victimCases/{victim_case}")));
}

TEST(InterviewAnswersTest, AnswersToInterviewCriteriaPass) {
  Request request;
  *request.add_judgements() = Answer("om.1", "yes");
  *request.add_judgements() = Answer("om.3", "no");
  EXPECT_THAT(ViolatedFields(ValidateInterviewAnswers(
                  request.judgements(), Framework("sqs-2014", "2"))),
              IsEmpty());
}

TEST(InterviewAnswersTest, OnlyInterviewCriteriaWithAnswersOfTheirScale) {
  Request request;
  *request.add_judgements() = Answer("1.1", "yes");   // judged from cases
  *request.add_judgements() = Answer("om.9", "yes");  // no such criterion
  *request.add_judgements() = Answer("om.2", "na");
  EXPECT_THAT(
      ValidateInterviewAnswers(request.judgements(), Framework("sqs-2014", "2"))
          .violations(),
      ElementsAre(ViolationOf("judgements[0].criterion_id",
                              HasSubstr("is not a staff-interview criterion of "
                                        "framework sqs-2014 version 2")),
                  ViolationOf("judgements[1].criterion_id", ::testing::_),
                  ViolationOf("judgements[2].answer", ::testing::_)));
}

}  // namespace
}  // namespace yjinspect::findings
