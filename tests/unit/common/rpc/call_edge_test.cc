// common/rpc/call_edge.h: method names come from the generated service
// descriptors; a name that is not a method of the service is a broken
// handler (INTERNAL), and without an authorizer every method passes. The
// refusals over real mutual TLS are in tests/integration/access/.

#include "common/rpc/call_edge.h"

#include "gtest/gtest.h"
#include "yjinspect/v1/admin_service.grpc.pb.h"
#include "yjinspect/v1/audit.grpc.pb.h"
#include "yjinspect/v1/findings_service.grpc.pb.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::common {
namespace {

TEST(CallEdgeTest, FullNamesComeFromTheServiceDescriptor) {
  const CallEdge intake(v1::CaseIntake::service_full_name(), nullptr, nullptr);
  EXPECT_EQ(intake.FullName("CreateCase"),
            "/yjinspect.v1.CaseIntake/CreateCase");
  EXPECT_EQ(intake.FullName("StreamSampledCases"),
            "/yjinspect.v1.CaseIntake/StreamSampledCases");
  const CallEdge findings(v1::Findings::service_full_name(), nullptr, nullptr);
  EXPECT_EQ(findings.FullName("RenderReport"),
            "/yjinspect.v1.Findings/RenderReport");
  const CallEdge admin(v1::Admin::service_full_name(), nullptr, nullptr);
  EXPECT_EQ(admin.FullName("CreateBackup"), "/yjinspect.v1.Admin/CreateBackup");
  const CallEdge audit(v1::AuditTrail::service_full_name(), nullptr, nullptr);
  EXPECT_EQ(audit.FullName("VerifyAuditChain"),
            "/yjinspect.v1.AuditTrail/VerifyAuditChain");
}

TEST(CallEdgeTest, ANameThatIsNoMethodOfTheServiceIsABrokenHandler) {
  const CallEdge intake(v1::CaseIntake::service_full_name(), nullptr, nullptr);
  EXPECT_EQ(intake.FullName("RenderReport"), "");
  const absl::Status status = intake.Authorize(
      nullptr, "RenderReport", v1::CreateCaseRequest::default_instance());
  EXPECT_EQ(status.code(), absl::StatusCode::kInternal);
}

TEST(CallEdgeTest, WithoutAnAuthorizerEveryMethodPasses) {
  const CallEdge intake(v1::CaseIntake::service_full_name(), nullptr, nullptr);
  EXPECT_FALSE(intake.checks_access());
  EXPECT_TRUE(intake
                  .Authorize(nullptr, "DeleteCase",
                             v1::DeleteCaseRequest::default_instance())
                  .ok());
}

}  // namespace
}  // namespace yjinspect::common
