#include "services/intake/stream/stream_request.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace yjinspect::intake {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;

TEST(StreamRequestTest, AnOldClientGetsOneChangePerResponse) {
  v1::StreamSampledCasesRequest request;
  request.set_after_sequence(7);
  EXPECT_TRUE(ValidateStreamSampledCasesRequest(request).empty());
  EXPECT_EQ(ChangesPerMessage(request), 1u);
  EXPECT_FALSE(Batched(request));
}

TEST(StreamRequestTest, OneIsTheUnbatchedForm) {
  v1::StreamSampledCasesRequest request;
  request.set_max_changes_per_message(1);
  EXPECT_EQ(ChangesPerMessage(request), 1u);
  EXPECT_FALSE(Batched(request));
}

TEST(StreamRequestTest, UpToTheLimitIsBatched) {
  v1::StreamSampledCasesRequest request;
  request.set_max_changes_per_message(kMaxChangesPerMessage);
  EXPECT_TRUE(ValidateStreamSampledCasesRequest(request).empty());
  EXPECT_EQ(ChangesPerMessage(request), kMaxChangesPerMessage);
  EXPECT_TRUE(Batched(request));
}

TEST(StreamRequestTest, MoreThanTheLimitIsRefusedNamingTheField) {
  v1::StreamSampledCasesRequest request;
  request.set_max_changes_per_message(kMaxChangesPerMessage + 1);
  const common::FieldViolations v = ValidateStreamSampledCasesRequest(request);
  EXPECT_THAT(v.violations(), ElementsAre(Field(&common::FieldViolation::field,
                                                "max_changes_per_message")));
  EXPECT_THAT(v.violations()[0].description,
              ::testing::HasSubstr("at most 1000"));
}

}  // namespace
}  // namespace yjinspect::intake
