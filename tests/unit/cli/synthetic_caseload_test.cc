// The synthetic caseload is the demo's data: every case must be one the
// intake service accepts, and a seed must always give the same caseload.

#include "cli/synthetic_caseload.h"

#include <set>

#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "services/intake/case_validation.h"

namespace yjinspect::cli {
namespace {

TEST(SyntheticCaseloadTest, EveryCaseIsValid) {
  CaseloadSpec spec;
  spec.cases = 2000;
  for (const auto& request : GenerateCaseload(spec)) {
    auto violations = intake::ValidateCreateCaseRequest(request);
    EXPECT_TRUE(violations.empty())
        << request.case_id() << ": " << violations.ToStatus("case");
  }
}

TEST(SyntheticCaseloadTest, SameSeedSameCaseloadOtherSeedOther) {
  CaseloadSpec spec;
  spec.cases = 50;
  auto first = GenerateCaseload(spec);
  auto again = GenerateCaseload(spec);
  spec.seed = 7;
  auto other = GenerateCaseload(spec);
  ASSERT_EQ(first.size(), 50u);
  bool any_different = false;
  for (size_t i = 0; i < first.size(); ++i) {
    EXPECT_TRUE(
        google::protobuf::util::MessageDifferencer::Equals(first[i], again[i]));
    any_different |= !google::protobuf::util::MessageDifferencer::Equals(
        first[i].case_(), other[i].case_());
  }
  EXPECT_TRUE(any_different);
}

TEST(SyntheticCaseloadTest, MixesDisposalsAndCarriesNoDuplicateReferences) {
  CaseloadSpec spec;
  spec.cases = 300;
  std::set<int> disposal_types;
  std::set<std::string> case_ids;
  int custody = 0;
  for (const auto& request : GenerateCaseload(spec)) {
    disposal_types.insert(request.case_().disposal().type());
    case_ids.insert(request.case_id());
    custody +=
        request.case_().disposal().setting() == v1::SUPERVISION_SETTING_CUSTODY;
  }
  EXPECT_EQ(disposal_types.size(), 7u);
  EXPECT_EQ(case_ids.size(), 300u);
  EXPECT_GT(custody, 0);
}

TEST(SyntheticCaseloadTest, EveryDisposalHasStartedByTheExtractionDate) {
  CaseloadSpec spec;
  spec.cases = 500;
  for (const auto& request : GenerateCaseload(spec)) {
    const auto& start = request.case_().disposal().start_date();
    absl::CivilDay day(start.year(), start.month(), start.day());
    EXPECT_LE(day, spec.as_of) << request.case_id();
  }
}

}  // namespace
}  // namespace yjinspect::cli
