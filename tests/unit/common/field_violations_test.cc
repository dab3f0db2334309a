// common/field_violations.h and its trip through common/rpc/grpc_status.h: the
// google.rpc.BadRequest of an INVALID_ARGUMENT must reach a gRPC client
// intact.

#include "common/field_violations.h"

#include <string>
#include <vector>

#include "common/rpc/grpc_status.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/support/status.h"
#include "gtest/gtest.h"
#include "tests/testing/matchers.h"

namespace yjinspect::common {
namespace {

std::vector<std::string> Fields(const std::vector<FieldViolation>& v) {
  std::vector<std::string> fields;
  for (const FieldViolation& violation : v) fields.push_back(violation.field);
  return fields;
}

FieldViolations TwoViolations() {
  FieldViolations v;
  v.Add("case.child.age_at_sentence", "must be 10 to 17");
  v.Add("case.offences[1].code", "is required");
  return v;
}

TEST(FieldViolationsTest, NoViolationsIsOk) {
  FieldViolations v;
  EXPECT_TRUE(v.empty());
  EXPECT_TRUE(v.ToStatus("case").ok());
}

TEST(FieldViolationsTest, ViolationsMakeInvalidArgumentNamingEveryField) {
  FieldViolations v = TwoViolations();
  EXPECT_FALSE(v.empty());
  absl::Status status = v.ToStatus("case");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("invalid case"));
  EXPECT_THAT(status.message(), HasSubstr("case.child.age_at_sentence"));
  EXPECT_THAT(status.message(), HasSubstr("case.offences[1].code"));
}

TEST(FieldViolationsTest, PayloadIsABadRequestInOrder) {
  absl::Status status = TwoViolations().ToStatus("case");
  auto payload = status.GetPayload(kBadRequestTypeUrl);
  ASSERT_TRUE(payload.has_value());
  google::rpc::BadRequest bad_request;
  ASSERT_TRUE(bad_request.ParseFromString(std::string(*payload)));
  ASSERT_EQ(bad_request.field_violations_size(), 2);
  EXPECT_EQ(bad_request.field_violations(0).field(),
            "case.child.age_at_sentence");
  EXPECT_EQ(bad_request.field_violations(0).description(), "must be 10 to 17");
  EXPECT_EQ(bad_request.field_violations(1).field(), "case.offences[1].code");
}

TEST(FieldViolationsTest, ViolationsOfReadsThePayloadBack) {
  auto violations = ViolationsOf(TwoViolations().ToStatus("case"));
  ASSERT_EQ(violations.size(), 2u);
  EXPECT_EQ(violations[0].field, "case.child.age_at_sentence");
  EXPECT_EQ(violations[0].description, "must be 10 to 17");
  EXPECT_EQ(violations[1].field, "case.offences[1].code");
  EXPECT_EQ(violations[1].description, "is required");
}

TEST(FieldViolationsTest, AddAllPrefixesEveryField) {
  FieldViolations child;
  child.Add("gender", "is required");
  child.Add("age_at_sentence", "must be 10 to 17");
  FieldViolations v;
  v.Add("parent", "is required");
  v.AddAll("case.child.", child);
  EXPECT_THAT(
      Fields(v.violations()),
      ElementsAre("parent", "case.child.gender", "case.child.age_at_sentence"));
  EXPECT_EQ(v.violations()[1].description, "is required");
}

TEST(FieldViolationsTest, ViolationsOfAStatusWithoutBadRequestIsEmpty) {
  EXPECT_THAT(ViolationsOf(absl::OkStatus()), IsEmpty());
  EXPECT_THAT(ViolationsOf(absl::InvalidArgumentError("plain")), IsEmpty());
  absl::Status garbled = absl::InvalidArgumentError("garbled");
  garbled.SetPayload(kBadRequestTypeUrl, absl::Cord("\xff\xff\xff"));
  EXPECT_THAT(ViolationsOf(garbled), IsEmpty());
}

TEST(GrpcStatusTest, BadRequestSurvivesTheTripThroughGrpcStatus) {
  absl::Status original = TwoViolations().ToStatus("case");
  grpc::Status on_the_wire = ToGrpcStatus(original);
  EXPECT_EQ(on_the_wire.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(on_the_wire.error_message(), std::string(original.message()));
  EXPECT_FALSE(on_the_wire.error_details().empty());

  // Any gRPC client can read the details as a google.rpc.Status.
  google::rpc::Status rich;
  ASSERT_TRUE(rich.ParseFromString(on_the_wire.error_details()));
  EXPECT_EQ(rich.code(), static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  ASSERT_EQ(rich.details_size(), 1);
  EXPECT_EQ(rich.details(0).type_url(), std::string(kBadRequestTypeUrl));
  google::rpc::BadRequest bad_request;
  ASSERT_TRUE(rich.details(0).UnpackTo(&bad_request));
  EXPECT_EQ(bad_request.field_violations_size(), 2);

  absl::Status back = FromGrpcStatus(on_the_wire);
  EXPECT_EQ(back.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(back.message(), original.message());
  auto violations = ViolationsOf(back);
  EXPECT_THAT(Fields(violations), ElementsAre("case.child.age_at_sentence",
                                              "case.offences[1].code"));
  EXPECT_EQ(violations[0].description, "must be 10 to 17");
}

TEST(GrpcStatusTest, OkMapsToOkBothWays) {
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
  EXPECT_TRUE(FromGrpcStatus(grpc::Status::OK).ok());
}

TEST(GrpcStatusTest, StatusWithoutPayloadKeepsCodeAndMessageAndNoDetails) {
  grpc::Status on_the_wire =
      ToGrpcStatus(absl::NotFoundError("case yots/a/cases/b does not exist"));
  EXPECT_EQ(on_the_wire.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(on_the_wire.error_message(), "case yots/a/cases/b does not exist");
  EXPECT_TRUE(on_the_wire.error_details().empty());

  absl::Status back = FromGrpcStatus(on_the_wire);
  EXPECT_EQ(back.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(back.message(), "case yots/a/cases/b does not exist");
  EXPECT_THAT(ViolationsOf(back), IsEmpty());
}

TEST(GrpcStatusTest, CodesKeepTheirMeaning) {
  for (absl::StatusCode code :
       {absl::StatusCode::kAlreadyExists, absl::StatusCode::kUnavailable,
        absl::StatusCode::kFailedPrecondition, absl::StatusCode::kOutOfRange,
        absl::StatusCode::kDataLoss}) {
    absl::Status status(code, "x");
    EXPECT_EQ(FromGrpcStatus(ToGrpcStatus(status)).code(), code);
  }
  EXPECT_EQ(ToGrpcStatus(absl::AlreadyExistsError("x")).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(ToGrpcStatus(absl::UnavailableError("x")).error_code(),
            grpc::StatusCode::UNAVAILABLE);
}

TEST(GrpcStatusTest, RpcStatusRoundTripKeepsPayloads) {
  absl::Status original = TwoViolations().ToStatus("case");
  google::rpc::Status rich = ToRpcStatus(original);
  EXPECT_EQ(rich.code(), 3);
  absl::Status back = FromRpcStatus(rich);
  EXPECT_EQ(back, original);
}

}  // namespace
}  // namespace yjinspect::common
