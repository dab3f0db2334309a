// common/disposals.h: which disposals are out-of-court work.

#include "common/disposals.h"

#include "gtest/gtest.h"

namespace yjinspect::common {
namespace {

TEST(DisposalsTest, CautionsAndCommunityResolutionsAreOutOfCourt) {
  EXPECT_TRUE(IsOutOfCourtDisposal(v1::DISPOSAL_TYPE_COMMUNITY_RESOLUTION));
  EXPECT_TRUE(IsOutOfCourtDisposal(v1::DISPOSAL_TYPE_YOUTH_CAUTION));
  EXPECT_TRUE(
      IsOutOfCourtDisposal(v1::DISPOSAL_TYPE_YOUTH_CONDITIONAL_CAUTION));
}

TEST(DisposalsTest, CourtDisposalsAndUnspecifiedAreNot) {
  for (v1::DisposalType type :
       {v1::DISPOSAL_TYPE_UNSPECIFIED, v1::DISPOSAL_TYPE_REFERRAL_ORDER,
        v1::DISPOSAL_TYPE_YOUTH_REHABILITATION_ORDER,
        v1::DISPOSAL_TYPE_DETENTION_AND_TRAINING_ORDER,
        v1::DISPOSAL_TYPE_LONGER_CUSTODIAL_SENTENCE}) {
    EXPECT_FALSE(IsOutOfCourtDisposal(type)) << v1::DisposalType_Name(type);
  }
}

TEST(DisposalsTest, OrdersAndSentencesAreCourtDisposals) {
  for (v1::DisposalType type : {v1::DISPOSAL_TYPE_REFERRAL_ORDER,
                                v1::DISPOSAL_TYPE_YOUTH_REHABILITATION_ORDER,
                                v1::DISPOSAL_TYPE_DETENTION_AND_TRAINING_ORDER,
                                v1::DISPOSAL_TYPE_LONGER_CUSTODIAL_SENTENCE}) {
    EXPECT_TRUE(IsCourtDisposal(type)) << v1::DisposalType_Name(type);
  }
}

TEST(DisposalsTest, EveryKnownTypeHasOneKind) {
  EXPECT_EQ(KindOfDisposal(v1::DISPOSAL_TYPE_UNSPECIFIED),
            DisposalKind::kUnknown);
  EXPECT_FALSE(IsCourtDisposal(v1::DISPOSAL_TYPE_UNSPECIFIED));
  EXPECT_FALSE(IsCourtDisposal(v1::DISPOSAL_TYPE_YOUTH_CAUTION));
  for (int t = v1::DisposalType_MIN + 1; t <= v1::DisposalType_MAX; ++t) {
    const auto type = static_cast<v1::DisposalType>(t);
    EXPECT_NE(IsCourtDisposal(type), IsOutOfCourtDisposal(type))
        << v1::DisposalType_Name(type);
  }
}

}  // namespace
}  // namespace yjinspect::common
