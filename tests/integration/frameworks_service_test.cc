// yjinspect.v1.Frameworks through real gRPC on both services: each lists
// and reads the frameworks it loaded, the same on both, and refuses a bad
// name with a field violation a program can read.

#include <memory>
#include <string>

#include "common/field_violations.h"
#include "common/rpc/grpc_status.h"
#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/testing/findings_harness.h"
#include "tests/testing/intake_harness.h"
#include "yjinspect/v1/frameworks_service.grpc.pb.h"

namespace yjinspect {
namespace {

using ::testing::HasSubstr;

class FrameworksServiceTest : public ::testing::Test {
 protected:
  static std::unique_ptr<v1::Frameworks::Stub> StubAt(
      const std::string& address) {
    return v1::Frameworks::NewStub(
        grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  }

  // GetFramework of `name` at the service at `address`.
  static grpc::Status Get(const std::string& address, const std::string& name,
                          v1::FrameworkVersion* response) {
    grpc::ClientContext context;
    v1::GetFrameworkRequest request;
    request.set_name(name);
    return StubAt(address)->GetFramework(&context, request, response);
  }

  testing::IntakeHarness intake_{/*sync=*/false};
  testing::FindingsHarness findings_{intake_.address(), /*sync=*/false};
};

TEST_F(FrameworksServiceTest, BothServicesListTheSameFrameworks) {
  std::string listed[2];
  int i = 0;
  for (const std::string& address : {intake_.address(), findings_.address()}) {
    grpc::ClientContext context;
    v1::ListFrameworksResponse response;
    grpc::Status status = StubAt(address)->ListFrameworks(
        &context, v1::ListFrameworksRequest(), &response);
    ASSERT_TRUE(status.ok()) << address << ": " << status.error_message();
    EXPECT_EQ(response.frameworks_size(), 9) << address;
    EXPECT_EQ(response.frameworks(0).name(),
              "frameworks/hmip-youth-2018/versions/1");
    listed[i++] = response.SerializeAsString();
  }
  EXPECT_EQ(listed[0], listed[1]);
}

TEST_F(FrameworksServiceTest, GetFrameworkReturnsTheCriteria) {
  v1::FrameworkVersion response;
  grpc::Status status =
      Get(findings_.address(), "frameworks/sqs-2014/versions/2", &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_TRUE(response.newest());
  EXPECT_EQ(response.framework().id(), "sqs-2014");
  ASSERT_GT(response.framework().sections_size(), 0);
  EXPECT_GT(response.framework().sections(0).criteria_size(), 0);
}

TEST_F(FrameworksServiceTest, ABadNameIsInvalidArgumentNamingTheField) {
  v1::FrameworkVersion response;
  grpc::Status status = Get(intake_.address(), "sqs-2014", &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  auto violations = common::ViolationsOf(common::FromGrpcStatus(status));
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].field, "name");
  EXPECT_THAT(violations[0].description,
              HasSubstr("frameworks/{id}/versions/{version}"));
}

TEST_F(FrameworksServiceTest, AnUnknownVersionIsNotFound) {
  v1::FrameworkVersion response;
  EXPECT_EQ(Get(intake_.address(), "frameworks/sqs-2014/versions/3", &response)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace yjinspect
