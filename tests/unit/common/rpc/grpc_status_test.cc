// common/rpc/grpc_status.h's safety net: every ABORTED, ALREADY_EXISTS,
// FAILED_PRECONDITION and PERMISSION_DENIED a server sends carries a
// google.rpc.ErrorInfo, even from a site that gave it none (reason
// UNCLASSIFIED); a reason given is never replaced, and other codes are
// sent as they are. The conversion itself is field_violations_test's.

#include "common/rpc/grpc_status.h"

#include <string>

#include "common/error_details.h"
#include "common/error_reasons.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"

namespace yjinspect::common {
namespace {

TEST(EnsureErrorInfoTest, ARefusalWithoutAReasonGetsTheGenericOne) {
  for (absl::StatusCode code :
       {absl::StatusCode::kAborted, absl::StatusCode::kAlreadyExists,
        absl::StatusCode::kFailedPrecondition,
        absl::StatusCode::kPermissionDenied}) {
    absl::Status status = EnsureErrorInfo(absl::Status(code, "refused"));
    EXPECT_EQ(status.code(), code);
    EXPECT_EQ(status.message(), "refused");
    auto info = ErrorInfoOf(status);
    ASSERT_TRUE(info.has_value()) << absl::StatusCodeToString(code);
    EXPECT_EQ(info->reason, "UNCLASSIFIED");
    EXPECT_EQ(info->domain, "yjinspect");
  }
}

TEST(EnsureErrorInfoTest, AGivenReasonAndTheOtherDetailsAreKept) {
  absl::Status given =
      FailedPrecondition(kWrongState, {kStateViolation, "inspections/a"},
                         "past fieldwork", {{"state", "X"}});
  EXPECT_EQ(EnsureErrorInfo(given), given);
}

TEST(EnsureErrorInfoTest, OtherCodesAreLeftAlone) {
  for (absl::Status status :
       {absl::OkStatus(), absl::InvalidArgumentError("bad"),
        absl::NotFoundError("gone"), absl::UnavailableError("down"),
        absl::InternalError("broken"), absl::UnauthenticatedError("who")}) {
    EXPECT_EQ(EnsureErrorInfo(status), status);
  }
}

TEST(EnsureErrorInfoTest, ToGrpcStatusSendsTheGenericReason) {
  grpc::Status sent = ToGrpcStatus(absl::AbortedError("conflict"));
  EXPECT_EQ(sent.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_EQ(sent.error_message(), "conflict");
  google::rpc::Status rich;
  ASSERT_TRUE(rich.ParseFromString(sent.error_details()));
  ASSERT_EQ(rich.details_size(), 1);
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(rich.details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "UNCLASSIFIED");
  EXPECT_EQ(info.domain(), "yjinspect");

  // A NOT_FOUND still travels without details.
  EXPECT_TRUE(ToGrpcStatus(absl::NotFoundError("x")).error_details().empty());
}

}  // namespace
}  // namespace yjinspect::common
