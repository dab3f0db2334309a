// common/error_details.h: a refusal a program acts on carries, beside its
// unchanged message, a google.rpc.ErrorInfo (reason, domain "yjinspect",
// metadata) and, for FAILED_PRECONDITION, a google.rpc.PreconditionFailure;
// both reach a gRPC client through common/rpc/grpc_status.h.

#include "common/error_details.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "common/error_reasons.h"
#include "common/field_violations.h"
#include "common/rpc/grpc_status.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"

namespace yjinspect::common {
namespace {

TEST(ErrorDetailsTest, FailedPreconditionNamesReasonAndCondition) {
  absl::Status status =
      FailedPrecondition(kWrongState, {kStateViolation, "inspections/a"},
                         "inspection inspections/a is past fieldwork",
                         {{"state", "INSPECTION_STATE_VERDICTS_AGREED"}});
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(status.message(), "inspection inspections/a is past fieldwork");

  auto info = ErrorInfoOf(status);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->reason, "WRONG_STATE");
  EXPECT_EQ(info->domain, "yjinspect");
  EXPECT_THAT(info->metadata,
              ::testing::ElementsAre(::testing::Pair(
                  "state", "INSPECTION_STATE_VERDICTS_AGREED")));

  auto violations = PreconditionViolationsOf(status);
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].type, "STATE");
  EXPECT_EQ(violations[0].subject, "inspections/a");
  EXPECT_EQ(violations[0].description,
            "inspection inspections/a is past fieldwork");
}

TEST(ErrorDetailsTest, EachCodeKeepsItsMessageAndCarriesOnlyErrorInfo) {
  const absl::Status statuses[] = {
      Aborted(kEtagMismatch, "stale", {{"resource", "yots/a/cases/b"}}),
      AlreadyExists(kCaseExistsWithOtherContent, "taken"),
      PermissionDenied(kAccessNotGranted, "no", {{"method", "GetCase"}})};
  const absl::StatusCode codes[] = {absl::StatusCode::kAborted,
                                    absl::StatusCode::kAlreadyExists,
                                    absl::StatusCode::kPermissionDenied};
  const char* messages[] = {"stale", "taken", "no"};
  const char* reasons[] = {"ETAG_MISMATCH", "CASE_EXISTS_WITH_OTHER_CONTENT",
                           "ACCESS_NOT_GRANTED"};
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(statuses[i].code(), codes[i]);
    EXPECT_EQ(statuses[i].message(), messages[i]);
    ASSERT_TRUE(ErrorInfoOf(statuses[i]).has_value()) << i;
    EXPECT_EQ(ErrorInfoOf(statuses[i])->reason, reasons[i]);
    EXPECT_THAT(PreconditionViolationsOf(statuses[i]), ::testing::IsEmpty());
  }
  EXPECT_THAT(
      ErrorInfoOf(statuses[0])->metadata,
      ::testing::ElementsAre(::testing::Pair("resource", "yots/a/cases/b")));
  EXPECT_THAT(ErrorInfoOf(statuses[1])->metadata, ::testing::IsEmpty());
}

TEST(ErrorDetailsTest, WithErrorInfoReplacesAnyAndLeavesOkAlone) {
  absl::Status status = Aborted(kEtagMismatch, "stale");
  status = WithErrorInfo(status, kBackupInProgress, {{"k", "v"}});
  EXPECT_EQ(ErrorInfoOf(status)->reason, "BACKUP_IN_PROGRESS");
  EXPECT_EQ(status.message(), "stale");
  EXPECT_TRUE(WithErrorInfo(absl::OkStatus(), kEtagMismatch).ok());
  EXPECT_FALSE(
      ErrorInfoOf(WithErrorInfo(absl::OkStatus(), kEtagMismatch)).has_value());
}

TEST(ErrorDetailsTest, PrefixedKeepsCodeAndEveryDetail) {
  absl::Status from_intake =
      FailedPrecondition(kNoSample, {kSampleViolation, "inspections/a"},
                         "inspection inspections/a has no sample");
  absl::Status passed_on =
      Prefixed("starting fieldwork at intake: ", from_intake);
  EXPECT_EQ(passed_on.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(passed_on.message(),
            "starting fieldwork at intake: inspection inspections/a has no "
            "sample");
  EXPECT_EQ(ErrorInfoOf(passed_on)->reason, "NO_SAMPLE");
  ASSERT_EQ(PreconditionViolationsOf(passed_on).size(), 1u);
  EXPECT_EQ(PreconditionViolationsOf(passed_on)[0].subject, "inspections/a");
  EXPECT_TRUE(Prefixed("x: ", absl::OkStatus()).ok());
  EXPECT_EQ(Prefixed("x: ", absl::UnavailableError("down")),
            absl::UnavailableError("x: down"));
}

// Two refusals with the same reason and metadata are the same bytes, so
// that a refusal of a resource that exists looks like that of one that
// does not, details and all.
TEST(ErrorDetailsTest, TheSameRefusalIsTheSameBytes) {
  ErrorMetadata metadata;
  for (int i = 0; i < 20; ++i) {
    metadata[absl::StrCat("key", i)] = absl::StrCat("value", i);
  }
  const absl::Status one = PermissionDenied(kAccessNotGranted, "no", metadata);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(PermissionDenied(kAccessNotGranted, "no", metadata), one);
    EXPECT_EQ(ToGrpcStatus(PermissionDenied(kAccessNotGranted, "no", metadata))
                  .error_details(),
              ToGrpcStatus(one).error_details());
  }
}

TEST(ErrorDetailsTest, ReadersFindNothingInAPlainOrGarbledStatus) {
  EXPECT_FALSE(ErrorInfoOf(absl::OkStatus()).has_value());
  EXPECT_FALSE(ErrorInfoOf(absl::AbortedError("plain")).has_value());
  EXPECT_THAT(PreconditionViolationsOf(absl::AbortedError("plain")),
              ::testing::IsEmpty());
  absl::Status garbled = absl::FailedPreconditionError("garbled");
  garbled.SetPayload(kErrorInfoTypeUrl, absl::Cord("\xff\xff\xff"));
  garbled.SetPayload(kPreconditionFailureTypeUrl, absl::Cord("\xff\xff"));
  EXPECT_FALSE(ErrorInfoOf(garbled).has_value());
  EXPECT_THAT(PreconditionViolationsOf(garbled), ::testing::IsEmpty());
}

// What a gRPC client of any language reads: google.rpc.Status details it
// can unpack by their standard type URLs.
TEST(ErrorDetailsTest, BothDetailsReachAGrpcClientAsStandardAnys) {
  absl::Status status =
      FailedPrecondition(kNotInSample, {kSampleViolation, "yots/a/cases/b"},
                         "case yots/a/cases/b is not in the sample",
                         {{"inspection", "inspections/a"}});
  grpc::Status on_the_wire = ToGrpcStatus(status);
  google::rpc::Status rich;
  ASSERT_TRUE(rich.ParseFromString(on_the_wire.error_details()));
  ASSERT_EQ(rich.details_size(), 2);
  google::rpc::ErrorInfo info;
  google::rpc::PreconditionFailure failure;
  for (const auto& detail : rich.details()) {
    if (detail.Is<google::rpc::ErrorInfo>()) {
      ASSERT_TRUE(detail.UnpackTo(&info));
    } else {
      ASSERT_TRUE(detail.UnpackTo(&failure));
    }
  }
  EXPECT_EQ(info.reason(), "NOT_IN_SAMPLE");
  EXPECT_EQ(info.domain(), "yjinspect");
  EXPECT_EQ(info.metadata().at("inspection"), "inspections/a");
  ASSERT_EQ(failure.violations_size(), 1);
  EXPECT_EQ(failure.violations(0).type(), "SAMPLE");
  EXPECT_EQ(failure.violations(0).subject(), "yots/a/cases/b");
  EXPECT_EQ(FromGrpcStatus(on_the_wire), status);
}

// The payload keys are the standard type URLs of the messages they carry.
TEST(ErrorDetailsTest, TypeUrlsAreTheMessagesOwn) {
  google::protobuf::Any any;
  any.PackFrom(google::rpc::ErrorInfo());
  EXPECT_EQ(any.type_url(), kErrorInfoTypeUrl);
  any.PackFrom(google::rpc::PreconditionFailure());
  EXPECT_EQ(any.type_url(), kPreconditionFailureTypeUrl);
  any.PackFrom(google::rpc::BadRequest());
  EXPECT_EQ(any.type_url(), kBadRequestTypeUrl);
}

TEST(UnauditedCallTest, AFullDiskIsResourceExhaustedOtherwiseUnavailable) {
  absl::Status full = UnauditedCall(
      absl::ResourceExhaustedError("writing batch: the disk is full"));
  EXPECT_EQ(full.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(std::string(full.message()),
              ::testing::HasSubstr("nothing was read or answered (writing "
                                   "batch: the disk is full)"));
  ASSERT_TRUE(ErrorInfoOf(full).has_value());
  EXPECT_EQ(ErrorInfoOf(full)->reason, kAuditNotRecorded);

  absl::Status other = UnauditedCall(absl::InternalError("sync failed"));
  EXPECT_EQ(other.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(std::string(other.message()), ::testing::EndsWith("; retry"));
  EXPECT_EQ(ErrorInfoOf(other)->reason, kAuditNotRecorded);
}

}  // namespace
}  // namespace yjinspect::common
