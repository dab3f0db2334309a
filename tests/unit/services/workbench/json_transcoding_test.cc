#include "services/workbench/json_transcoding.h"

#include <string>
#include <vector>

#include "common/field_violations.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "yjinspect/v1/findings_service.grpc.pb.h"
#include "yjinspect/v1/frameworks_service.grpc.pb.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::workbench {
namespace {

using ::testing::HasSubstr;

const HttpRoutes& Routes() {
  static const HttpRoutes* routes = [] {
    const std::vector<const google::protobuf::ServiceDescriptor*> services = {
        CompiledService(v1::CaseIntake::service_full_name()),
        CompiledService(v1::Findings::service_full_name()),
        CompiledService(v1::Frameworks::service_full_name())};
    return new HttpRoutes(*HttpRoutes::ForServices(services));
  }();
  return *routes;
}

MatchedRoute At(const std::string& verb, const std::string& path) {
  absl::StatusOr<MatchedRoute> m = Routes().Match(verb, path);
  EXPECT_TRUE(m.ok()) << m.status();
  return *m;
}

TEST(FillRequestTest, QueryParametersFillScalarFieldsInEitherSpelling) {
  v1::ListCaseFindingsRequest request;
  const absl::Status s =
      FillRequest(At("GET", "/v1/inspections/i-1/caseFindings"),
                  {{"pageSize", "10"}, {"page_token", "abc"}}, "", &request);
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_EQ(request.parent(), "inspections/i-1");
  EXPECT_EQ(request.page_size(), 10);
  EXPECT_EQ(request.page_token(), "abc");
}

TEST(FillRequestTest, TheWholeBodyIsTheRequestAndThePathWins) {
  v1::RecordJudgementsRequest request;
  const absl::Status s = FillRequest(
      At("POST", "/v1/inspections/i-1:recordJudgements"), {},
      R"({"inspection": "inspections/other", "case": "yots/b/cases/B-1",
          "judgements": [{"criterionId": "1.1", "answer": "yes",
                          "evidence_note": "seen"}],
          "inspectorReference": "insp-1", "etag": "e1"})",
      &request);
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_EQ(request.inspection(), "inspections/i-1");
  EXPECT_EQ(request.case_(), "yots/b/cases/B-1");
  ASSERT_EQ(request.judgements_size(), 1);
  EXPECT_EQ(request.judgements(0).answer(), "yes");
  EXPECT_EQ(request.judgements(0).evidence_note(), "seen");
  EXPECT_EQ(request.etag(), "e1");
}

TEST(FillRequestTest, ABodyFieldTakesTheBodyAndTheQueryTheRest) {
  v1::CreateCaseRequest request;
  const absl::Status s =
      FillRequest(At("POST", "/v1/yots/bolton/cases"),
                  {{"caseId", "B-9"}, {"requestId", "r-1"}},
                  R"({"caseManagerReference": "cm-1"})", &request);
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_EQ(request.parent(), "yots/bolton");
  EXPECT_EQ(request.case_id(), "B-9");
  EXPECT_EQ(request.request_id(), "r-1");
  EXPECT_EQ(request.case_().case_manager_reference(), "cm-1");
}

TEST(FillRequestTest, AFieldMaskIsTakenInItsJsonForm) {
  v1::UpdateVictimCaseRequest request;
  const absl::Status s = FillRequest(
      At("PATCH", "/v1/yots/bolton/victimCases/V-1"),
      {{"updateMask", "firstContactDate,safetyPlanning"}, {"etag", "e1"}}, "{}",
      &request);
  ASSERT_TRUE(s.ok()) << s;
  EXPECT_EQ(request.victim_case().name(), "yots/bolton/victimCases/V-1");
  ASSERT_EQ(request.update_mask().paths_size(), 2);
  EXPECT_EQ(request.update_mask().paths(0), "first_contact_date");
  EXPECT_EQ(request.update_mask().paths(1), "safety_planning");
}

TEST(FillRequestTest, TheBodyFieldCannotBeSetAgainInEitherSpelling) {
  for (const char* spelling : {"victimCase.name", "victim_case.name"}) {
    v1::UpdateVictimCaseRequest request;
    EXPECT_EQ(FillRequest(At("PATCH", "/v1/yots/bolton/victimCases/V-1"),
                          {{spelling, "yots/x/victimCases/y"}}, "{}", &request)
                  .code(),
              absl::StatusCode::kInvalidArgument)
        << spelling;
  }
}

TEST(FillRequestTest, EnumsAreTakenByName) {
  v1::RenderReportRequest request;
  ASSERT_TRUE(FillRequest(At("GET", "/v1/inspections/i-1/report"),
                          {{"edition", "REPORT_EDITION_PUBLISHED"}}, "",
                          &request)
                  .ok());
  EXPECT_EQ(request.edition(), v1::REPORT_EDITION_PUBLISHED);
}

TEST(FillRequestTest, MalformedInputIsRefusedNamingWhatIsWrong) {
  struct Case {
    std::string verb, path;
    QueryParameters query;
    std::string body, says;
  };
  const std::vector<Case> cases = {
      {"GET",
       "/v1/inspections/i-1/caseFindings",
       {{"pageSize", "ten"}},
       "",
       "pageSize"},
      {"GET",
       "/v1/inspections/i-1/caseFindings",
       {{"colour", "red"}},
       "",
       "colour"},
      {"GET",
       "/v1/inspections/i-1/caseFindings",
       {{"parent", "x"}},
       "",
       "set by the path"},
      {"GET", "/v1/inspections/i-1/caseFindings", {}, "{}", "no request body"},
      {"POST",
       "/v1/inspections/i-1:recordJudgements",
       {},
       "{\"nope\": 1}",
       "not a JSON"},
      {"POST",
       "/v1/inspections/i-1:recordJudgements",
       {},
       "[not json",
       "not a JSON"},
      {"POST",
       "/v1/inspections/i-1:recordJudgements",
       {{"etag", "x"}},
       "{}",
       "in the body"},
      {"GET",
       "/v1/inspections/i-1/report",
       {{"edition", "GLOSSY"}},
       "",
       "not a value of ReportEdition"},
  };
  for (const Case& c : cases) {
    const MatchedRoute m = At(c.verb, c.path);
    std::unique_ptr<google::protobuf::Message> request(
        google::protobuf::MessageFactory::generated_factory()
            ->GetPrototype(m.route->method->input_type())
            ->New());
    const absl::Status s = FillRequest(m, c.query, c.body, request.get());
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << c.path;
    EXPECT_THAT(std::string(s.message()), HasSubstr(c.says)) << s;
  }
}

TEST(ResponseJsonTest, UsesProtobufsJsonMapping) {
  v1::CaseFindings findings;
  findings.set_name("inspections/i-1/caseFindings/B-1");
  findings.set_revision(3);
  findings.add_judgements()->set_criterion_id("1.1");
  const nlohmann::json json = nlohmann::json::parse(*ResponseJson(findings));
  EXPECT_EQ(json["name"], "inspections/i-1/caseFindings/B-1");
  EXPECT_EQ(json["revision"], "3");  // int64 as a string, as the mapping says
  EXPECT_EQ(json["judgements"][0]["criterionId"], "1.1");
  EXPECT_FALSE(json.contains("etag"));
}

TEST(HttpStatusOfTest, FollowsGooglesMapping) {
  EXPECT_EQ(HttpStatusOf(absl::StatusCode::kOk), 200);
  EXPECT_EQ(HttpStatusOf(absl::StatusCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusOf(absl::StatusCode::kFailedPrecondition), 400);
  EXPECT_EQ(HttpStatusOf(absl::StatusCode::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatusOf(absl::StatusCode::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatusOf(absl::StatusCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusOf(absl::StatusCode::kAborted), 409);
  EXPECT_EQ(HttpStatusOf(absl::StatusCode::kAlreadyExists), 409);
  EXPECT_EQ(HttpStatusOf(absl::StatusCode::kResourceExhausted), 429);
  EXPECT_EQ(HttpStatusOf(absl::StatusCode::kUnavailable), 503);
  EXPECT_EQ(HttpStatusOf(absl::StatusCode::kDeadlineExceeded), 504);
  EXPECT_EQ(HttpStatusOf(absl::StatusCode::kDataLoss), 500);
}

TEST(ErrorJsonTest, SurvivesBytesThatAreNotUtf8) {
  const nlohmann::json json = nlohmann::json::parse(
      ErrorJson(absl::InvalidArgumentError("bad \xff value")));
  EXPECT_EQ(json["error"]["status"], "INVALID_ARGUMENT");
}

TEST(ErrorJsonTest, CarriesTheStatusAndItsDetails) {
  common::FieldViolations v;
  v.Add("judgements[0].answer", "not an answer of the criterion's scale");
  const absl::Status s = v.ToStatus("RecordJudgements request");
  const nlohmann::json json = nlohmann::json::parse(ErrorJson(s));
  EXPECT_EQ(json["error"]["code"], 400);
  EXPECT_EQ(json["error"]["status"], "INVALID_ARGUMENT");
  ASSERT_EQ(json["error"]["details"].size(), 1u);
  EXPECT_EQ(json["error"]["details"][0]["@type"],
            "type.googleapis.com/google.rpc.BadRequest");
  EXPECT_EQ(json["error"]["details"][0]["fieldViolations"][0]["field"],
            "judgements[0].answer");
}

}  // namespace
}  // namespace yjinspect::workbench
