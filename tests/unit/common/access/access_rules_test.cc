#include "common/access/access_rules.h"

#include <memory>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "yjinspect/v1/admin_service.grpc.pb.h"
#include "yjinspect/v1/audit.grpc.pb.h"
#include "yjinspect/v1/findings_service.grpc.pb.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::common {
namespace {

// The one table covers every RPC of both services, and nothing else: an
// RPC added to a .proto without a rule fails here (and is refused to
// everyone meanwhile).
TEST(AccessRulesTest, EveryRpcOfBothServicesHasExactlyOneRule) {
  std::set<std::string> served;
  for (const auto* service :
       {v1::CaseIntake::service_full_name(), v1::Findings::service_full_name(),
        v1::AuditTrail::service_full_name(), v1::Admin::service_full_name()}) {
    const auto* descriptor =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
            service);
    ASSERT_NE(descriptor, nullptr);
    for (int i = 0; i < descriptor->method_count(); ++i) {
      const std::string method =
          absl::StrCat("/", service, "/", descriptor->method(i)->name());
      served.insert(method);
      const MethodRule* rule = RuleFor(method);
      ASSERT_NE(rule, nullptr) << method << " has no access rule";
      EXPECT_FALSE(rule->grants.empty()) << method;
    }
  }
  std::set<std::string> ruled;
  for (const MethodRule& rule : MethodRules()) {
    EXPECT_TRUE(ruled.insert(rule.method).second) << "twice: " << rule.method;
  }
  EXPECT_EQ(ruled, served);
}

std::shared_ptr<const AccessPolicy> TestPolicy() {
  auto policy = AccessPolicy::Parse(
      R"pb(
        caller { identity: "reader-1" role: "reader" }
        caller {
          identity: "lead-1"
          role: "lead-inspector"
          assignment { inspection: "bolton-2014-12" yot: "bolton" }
        }
      )pb",
      "test");
  EXPECT_TRUE(policy.ok()) << policy.status();
  return std::make_shared<const AccessPolicy>(*std::move(policy));
}

TEST(AuthorizerTest, AnUnknownIdentityIsUnauthenticated) {
  Authorizer authorizer(TestPolicy());
  v1::GetVerdictsRequest request;
  request.set_inspection("inspections/bolton-2014-12");
  EXPECT_EQ(
      authorizer
          .Authorize("stranger", "/yjinspect.v1.Findings/GetVerdicts", request)
          .code(),
      absl::StatusCode::kUnauthenticated);
}

TEST(AuthorizerTest, AMethodWithoutARuleIsRefusedToEveryone) {
  Authorizer authorizer(TestPolicy());
  v1::GetVerdictsRequest request;
  request.set_inspection("inspections/bolton-2014-12");
  EXPECT_EQ(
      authorizer.Authorize("lead-1", "/yjinspect.v1.Findings/Nope", request)
          .code(),
      absl::StatusCode::kPermissionDenied);
}

TEST(AuthorizerTest, AMalformedNameIsCoveredByNoScope) {
  Authorizer authorizer(TestPolicy());
  v1::GetVerdictsRequest request;
  request.set_inspection("inspections/bolton-2014-12/../x");
  EXPECT_EQ(
      authorizer
          .Authorize("lead-1", "/yjinspect.v1.Findings/GetVerdicts", request)
          .code(),
      absl::StatusCode::kPermissionDenied);
}

TEST(AuthorizerTest, AReaderRendersWhatThePublishedCheckSaysIsPublished) {
  Authorizer authorizer(TestPolicy(), [](absl::string_view inspection) {
    return inspection == "published-2014";
  });
  v1::RenderReportRequest request;
  request.set_inspection("inspections/published-2014");
  EXPECT_TRUE(
      authorizer
          .Authorize("reader-1", "/yjinspect.v1.Findings/RenderReport", request)
          .ok());
  request.set_inspection("inspections/draft-2014");
  EXPECT_EQ(
      authorizer
          .Authorize("reader-1", "/yjinspect.v1.Findings/RenderReport", request)
          .code(),
      absl::StatusCode::kPermissionDenied);
  // Readers get nothing else.
  v1::GetVerdictsRequest verdicts;
  verdicts.set_inspection("inspections/published-2014");
  EXPECT_EQ(
      authorizer
          .Authorize("reader-1", "/yjinspect.v1.Findings/GetVerdicts", verdicts)
          .code(),
      absl::StatusCode::kPermissionDenied);
}

}  // namespace
}  // namespace yjinspect::common
