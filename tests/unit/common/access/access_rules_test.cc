#include "common/access/access_rules.h"

#include <memory>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/error_details.h"
#include "common/error_reasons.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/method_paths.h"
#include "tests/testing/status_matchers.h"
#include "yjinspect/v1/admin_service.grpc.pb.h"
#include "yjinspect/v1/audit.grpc.pb.h"
#include "yjinspect/v1/findings_service.grpc.pb.h"
#include "yjinspect/v1/frameworks_service.grpc.pb.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::common {
namespace {

// The one table covers every RPC of both services, and nothing else: an
// RPC added to a .proto without a rule fails here (and is refused to
// everyone meanwhile).
TEST(AccessRulesTest, EveryRpcOfBothServicesHasExactlyOneRule) {
  const std::set<std::string> served = testing::MethodPaths(
      {v1::CaseIntake::service_full_name(), v1::Findings::service_full_name(),
       v1::AuditTrail::service_full_name(), v1::Admin::service_full_name(),
       v1::Frameworks::service_full_name()});
  ASSERT_FALSE(served.empty());
  for (const std::string& method : served) {
    const MethodRule* rule = RuleFor(method);
    ASSERT_NE(rule, nullptr) << method << " has no access rule";
    EXPECT_FALSE(rule->grants.empty()) << method;
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
        caller { identity: "bolton-yot" role: "yot-submitter" yot: "bolton" }
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

constexpr char kGetVerdicts[] = "/yjinspect.v1.Findings/GetVerdicts";
constexpr char kRenderReport[] = "/yjinspect.v1.Findings/RenderReport";

// What `authorizer` answers `identity` calling `method` with a `Request` for
// the inspection named `inspection`.
template <typename Request = v1::GetVerdictsRequest>
absl::StatusCode Answer(const Authorizer& authorizer,
                        const std::string& identity, const std::string& method,
                        const std::string& inspection) {
  Request request;
  request.set_inspection(inspection);
  return authorizer.Authorize(identity, method, request).code();
}

TEST(AuthorizerTest, AnUnknownIdentityIsUnauthenticated) {
  EXPECT_EQ(Answer(Authorizer(TestPolicy()), "stranger", kGetVerdicts,
                   "inspections/bolton-2014-12"),
            absl::StatusCode::kUnauthenticated);
}

TEST(AuthorizerTest, AMethodWithoutARuleIsRefusedToEveryone) {
  EXPECT_EQ(Answer(Authorizer(TestPolicy()), "lead-1",
                   "/yjinspect.v1.Findings/Nope", "inspections/bolton-2014-12"),
            absl::StatusCode::kPermissionDenied);
}

TEST(AuthorizerTest, AMalformedNameIsCoveredByNoScope) {
  EXPECT_EQ(Answer(Authorizer(TestPolicy()), "lead-1", kGetVerdicts,
                   "inspections/bolton-2014-12/../x"),
            absl::StatusCode::kPermissionDenied);
}

TEST(AuthorizerTest, AReaderRendersWhatThePublishedCheckSaysIsPublished) {
  Authorizer authorizer(TestPolicy(), [](absl::string_view inspection) {
    return inspection == "published-2014";
  });
  EXPECT_EQ(
      Answer<v1::RenderReportRequest>(authorizer, "reader-1", kRenderReport,
                                      "inspections/published-2014"),
      absl::StatusCode::kOk);
  EXPECT_EQ(
      Answer<v1::RenderReportRequest>(authorizer, "reader-1", kRenderReport,
                                      "inspections/draft-2014"),
      absl::StatusCode::kPermissionDenied);
  // Readers get nothing else.
  EXPECT_EQ(Answer(authorizer, "reader-1", kGetVerdicts,
                   "inspections/published-2014"),
            absl::StatusCode::kPermissionDenied);
}

// A YOT's submitter reaches the action plan of its own YOT's inspections,
// as findings knows them: another YOT's and unknown ones are refused alike.
TEST(AuthorizerTest, ASubmitterReachesItsOwnYotsActionPlanOnly) {
  Authorizer authorizer(TestPolicy(), nullptr,
                        [](absl::string_view inspection) -> std::string {
                          if (inspection == "bolton-2014-12") return "bolton";
                          if (inspection == "wigan-2015-01") return "wigan";
                          return "";
                        });
  constexpr char kRecordAction[] = "/yjinspect.v1.Findings/RecordAction";
  constexpr char kBoardSummary[] = "/yjinspect.v1.Findings/RenderBoardSummary";
  EXPECT_EQ(
      Answer<v1::RecordActionRequest>(authorizer, "bolton-yot", kRecordAction,
                                      "inspections/bolton-2014-12"),
      absl::StatusCode::kOk);
  EXPECT_EQ(Answer<v1::RenderBoardSummaryRequest>(authorizer, "bolton-yot",
                                                  kBoardSummary,
                                                  "inspections/bolton-2014-12"),
            absl::StatusCode::kOk);
  for (const char* other :
       {"inspections/wigan-2015-01", "inspections/unknown-2020"}) {
    EXPECT_EQ(Answer<v1::RecordActionRequest>(authorizer, "bolton-yot",
                                              kRecordAction, other),
              absl::StatusCode::kPermissionDenied)
        << other;
  }
  // Nothing else of the inspection.
  EXPECT_EQ(Answer(authorizer, "bolton-yot", kGetVerdicts,
                   "inspections/bolton-2014-12"),
            absl::StatusCode::kPermissionDenied);
  // Without the lookup, the grant allows nothing.
  EXPECT_EQ(Answer<v1::RecordActionRequest>(Authorizer(TestPolicy()),
                                            "bolton-yot", kRecordAction,
                                            "inspections/bolton-2014-12"),
            absl::StatusCode::kPermissionDenied);
}

// Its own YOT's recommendations a submitter reads once the report is
// published, and not before.
TEST(AuthorizerTest, ASubmitterReadsItsPublishedReportsRecommendations) {
  Authorizer authorizer(
      TestPolicy(),
      [](absl::string_view inspection) {
        return inspection == "bolton-2014-12";
      },
      [](absl::string_view inspection) -> std::string {
        return inspection == "wigan-2015-01" ? "wigan" : "bolton";
      });
  constexpr char kList[] = "/yjinspect.v1.Findings/ListRecommendations";
  auto list = [&](const std::string& parent) {
    v1::ListRecommendationsRequest request;
    request.set_parent(parent);
    return authorizer.Authorize("bolton-yot", kList, request).code();
  };
  EXPECT_EQ(list("inspections/bolton-2014-12"), absl::StatusCode::kOk);
  EXPECT_EQ(list("inspections/bolton-2020-01"),  // unpublished
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(list("inspections/wigan-2015-01"),  // another YOT's
            absl::StatusCode::kPermissionDenied);
}

// A program learns the reason, the method and the role; never the resource,
// whose existence a refusal must not tell.
TEST(AuthorizerTest, ARefusalCarriesItsReasonMethodAndRoleOnly) {
  Authorizer authorizer(TestPolicy());
  v1::GetVerdictsRequest request;
  request.set_inspection("inspections/wigan-2015-01");
  const absl::Status refused =
      authorizer.Authorize("lead-1", kGetVerdicts, request);
  EXPECT_EQ(refused.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(refused.message(),
            "'lead-1' (lead-inspector) may not call GetVerdicts on this "
            "resource");
  EXPECT_THAT(refused, testing::HasReason(kAccessNotGranted));
  EXPECT_THAT(
      ErrorInfoOf(refused)->metadata,
      ::testing::ElementsAre(::testing::Pair("method", "GetVerdicts"),
                             ::testing::Pair("role", "lead-inspector")));
  EXPECT_THAT(PreconditionViolationsOf(refused), ::testing::IsEmpty());
}

}  // namespace
}  // namespace yjinspect::common
