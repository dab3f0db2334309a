// The audit trails, the backups and the frameworks of both services over
// mutual TLS: only auditors read and verify the trails, only operators touch
// backups, and everyone else, however privileged for inspections, is
// refused; every caller of the policy reads the frameworks; a caller the
// policy does not know is unauthenticated.

#include <string>

#include "gtest/gtest.h"
#include "tests/integration/access/tls_services.h"
#include "yjinspect/v1/admin_service.grpc.pb.h"
#include "yjinspect/v1/audit.grpc.pb.h"
#include "yjinspect/v1/frameworks_service.grpc.pb.h"

namespace yjinspect::testing {
namespace {

class AuditAdminAccessTest : public ::testing::Test {
 protected:
  // The code of `rpc` with an empty request on both services, as `caller`;
  // both services must answer alike.
  template <typename Stub, typename Request, typename Response>
  grpc::StatusCode CodeOnBoth(const std::string& caller,
                              grpc::Status (Stub::*rpc)(grpc::ClientContext*,
                                                        const Request&,
                                                        Response*)) {
    Stubs stubs = services_.ClientAs(caller);
    auto code = [rpc](const std::shared_ptr<grpc::Channel>& channel) {
      Stub stub(channel);
      Response response;
      return (stub.*rpc)(CallContext().get(), Request(), &response)
          .error_code();
    };
    const grpc::StatusCode intake = code(stubs.intake_channel);
    EXPECT_EQ(intake, code(stubs.findings_channel)) << caller;
    return intake;
  }
  grpc::StatusCode AuditCode(const std::string& caller) {
    return CodeOnBoth(caller, &v1::AuditTrail::Stub::ListAuditRecords);
  }
  grpc::StatusCode BackupCode(const std::string& caller) {
    return CodeOnBoth(caller, &v1::Admin::Stub::ListBackups);
  }
  grpc::StatusCode FrameworksCode(const std::string& caller) {
    return CodeOnBoth(caller, &v1::Frameworks::Stub::ListFrameworks);
  }

  TlsServices services_;
};

TEST_F(AuditAdminAccessTest, OnlyAuditorsReadTheAuditTrails) {
  EXPECT_EQ(AuditCode("auditor-1"), grpc::StatusCode::OK);
  for (const char* caller : {"bolton-yot", "insp-1", "lead-1",
                             "findings-service", "reader-1", "operator-1"}) {
    EXPECT_EQ(AuditCode(caller), grpc::StatusCode::PERMISSION_DENIED) << caller;
  }
  EXPECT_EQ(AuditCode("stranger"), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(AuditCode(""), grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(AuditAdminAccessTest, OnlyOperatorsTouchBackups) {
  // The servers have no backup folder: an operator gets past the guard to
  // the service's own refusal.
  EXPECT_EQ(BackupCode("operator-1"), grpc::StatusCode::FAILED_PRECONDITION);
  for (const char* caller : {"bolton-yot", "insp-1", "lead-1",
                             "findings-service", "reader-1", "auditor-1"}) {
    EXPECT_EQ(BackupCode(caller), grpc::StatusCode::PERMISSION_DENIED)
        << caller;
  }
  EXPECT_EQ(BackupCode("stranger"), grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(AuditAdminAccessTest, EveryKnownCallerReadsTheFrameworks) {
  for (const char* caller :
       {"bolton-yot", "insp-1", "lead-1", "findings-service", "reader-1",
        "auditor-1", "operator-1"}) {
    EXPECT_EQ(FrameworksCode(caller), grpc::StatusCode::OK) << caller;
  }
  EXPECT_EQ(FrameworksCode("stranger"), grpc::StatusCode::UNAUTHENTICATED);
}

}  // namespace
}  // namespace yjinspect::testing
