#include "services/workbench/http_routes.h"

#include <set>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "yjinspect/v1/findings_service.grpc.pb.h"
#include "yjinspect/v1/frameworks_service.grpc.pb.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::workbench {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

const std::vector<const google::protobuf::ServiceDescriptor*>& Services() {
  static const auto* services =
      new std::vector<const google::protobuf::ServiceDescriptor*>{
          CompiledService(v1::CaseIntake::service_full_name()),
          CompiledService(v1::Findings::service_full_name()),
          CompiledService(v1::Frameworks::service_full_name())};
  return *services;
}

const HttpRoutes& Routes() {
  static const HttpRoutes* routes = [] {
    absl::StatusOr<HttpRoutes> r = HttpRoutes::ForServices(Services());
    EXPECT_TRUE(r.ok()) << r.status();
    return new HttpRoutes(*std::move(r));
  }();
  return *routes;
}

std::string MethodAt(const std::string& verb, const std::string& path) {
  absl::StatusOr<MatchedRoute> m = Routes().Match(verb, path);
  if (!m.ok()) return std::string(absl::StatusCodeToString(m.status().code()));
  return m->route->GrpcPath();
}

TEST(HttpRoutesTest, EveryUnaryMethodOfTheThreeServicesHasARoute) {
  std::set<std::string> routed;
  for (const HttpRoute& route : Routes().routes()) {
    routed.insert(route.GrpcPath());
  }
  for (const auto* service : Services()) {
    for (int i = 0; i < service->method_count(); ++i) {
      const auto* method = service->method(i);
      const std::string path =
          "/" + service->full_name() + "/" + method->name();
      if (method->client_streaming() || method->server_streaming()) {
        EXPECT_EQ(routed.count(path), 0u) << path;
      } else {
        EXPECT_EQ(routed.count(path), 1u) << path << " has no HTTP rule";
      }
    }
  }
}

TEST(HttpRoutesTest, ResourcesMapToTheirMethods) {
  EXPECT_EQ(MethodAt("GET", "/v1/inspections/bolton-2014-12"),
            "/yjinspect.v1.CaseIntake/GetInspection");
  EXPECT_EQ(MethodAt("GET", "/v1/yots/bolton/cases/B-1"),
            "/yjinspect.v1.CaseIntake/GetCase");
  EXPECT_EQ(MethodAt("GET", "/v1/inspections/bolton-2014-12/caseFindings/B-1"),
            "/yjinspect.v1.Findings/GetCaseFindings");
  EXPECT_EQ(
      MethodAt("GET", "/v1/inspections/bolton-2014-12/victimCaseFindings/V-1"),
      "/yjinspect.v1.Findings/GetCaseFindings");
  EXPECT_EQ(MethodAt("POST", "/v1/inspections/bolton-2014-12:recordJudgements"),
            "/yjinspect.v1.Findings/RecordJudgements");
  EXPECT_EQ(MethodAt("GET", "/v1/inspections/bolton-2014-12/verdicts"),
            "/yjinspect.v1.Findings/GetVerdicts");
  EXPECT_EQ(MethodAt("GET", "/v1/frameworks/sqs-2014/versions/1"),
            "/yjinspect.v1.Frameworks/GetFramework");
}

TEST(HttpRoutesTest, APathBindsTheRequestsResourceName) {
  absl::StatusOr<MatchedRoute> m =
      Routes().Match("GET", "/v1/inspections/i-1/caseFindings/B-1");
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_THAT(m->bindings,
              ElementsAre(Pair("name", "inspections/i-1/caseFindings/B-1")));
}

TEST(HttpRoutesTest, AnUnknownPathIsNotFoundAndAnotherVerbIsNotAllowed) {
  EXPECT_EQ(Routes().Match("GET", "/v1/nothing/here").status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(
      Routes().Match("DELETE", "/v1/inspections/i-1/verdicts").status().code(),
      absl::StatusCode::kUnimplemented);
}

TEST(HttpRoutesTest, TwoRulesWithOneMethodAndTemplateAreRefused) {
  const std::vector<const google::protobuf::ServiceDescriptor*> twice = {
      CompiledService(v1::Findings::service_full_name()),
      CompiledService(v1::Findings::service_full_name())};
  const absl::Status s = HttpRoutes::ForServices(twice).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(s.message()),
              ::testing::HasSubstr("is another method's too"));
}

}  // namespace
}  // namespace yjinspect::workbench
