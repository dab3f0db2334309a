// Which records a share of second marking draws: ceil(share x sample),
// among those not yet assigned, fixed by the seed.

#include "services/intake/second_marker_assignment.h"

#include <set>

#include "gtest/gtest.h"

namespace yjinspect::intake {
namespace {

v1::Inspection Sampled(int size) {
  v1::Inspection inspection;
  for (int i = 0; i < size; ++i) {
    inspection.mutable_sample()->add_cases("yots/n/cases/C-" +
                                           std::to_string(i));
  }
  return inspection;
}

TEST(SecondMarkerAssignmentTest, AShareIsRoundedUpAndNeverMoreThanTheSample) {
  EXPECT_EQ(SecondMarkedCount(40, 10), 4);
  EXPECT_EQ(SecondMarkedCount(41, 10), 5);  // 4.1 -> 5
  EXPECT_EQ(SecondMarkedCount(3, 1), 1);
  EXPECT_EQ(SecondMarkedCount(3, 100), 3);
  EXPECT_EQ(SecondMarkedCount(0, 50), 0);
  EXPECT_EQ(SecondMarkedCount(10, 0), 0);
}

TEST(SecondMarkerAssignmentTest, TheSeedFixesTheDrawAndAssignedAreSkipped) {
  const v1::Inspection inspection = Sampled(30);
  auto a = DrawSecondMarked(inspection, 20, 7);
  auto b = DrawSecondMarked(inspection, 20, 7);
  ASSERT_EQ(a.size(), 6u);
  EXPECT_EQ(a, b);
  EXPECT_NE(DrawSecondMarked(inspection, 20, 8), a);
  // The sample's order does not matter, only its records.
  v1::Inspection reversed = inspection;
  std::reverse(reversed.mutable_sample()->mutable_cases()->begin(),
               reversed.mutable_sample()->mutable_cases()->end());
  EXPECT_EQ(DrawSecondMarked(reversed, 20, 7), a);
  // Records already given a second marker are not drawn again.
  v1::Inspection assigned = inspection;
  for (const auto& c : a) assigned.add_second_markers()->set_case_(c);
  auto next = DrawSecondMarked(assigned, 20, 7);
  ASSERT_EQ(next.size(), 6u);
  std::set<std::string> first(a.begin(), a.end());
  for (const auto& c : next) EXPECT_EQ(first.count(c), 0u) << c;
  // Fewer left than asked: all of them.
  for (const auto& c : next) assigned.add_second_markers()->set_case_(c);
  EXPECT_EQ(DrawSecondMarked(assigned, 100, 7).size(), 18u);
}

}  // namespace
}  // namespace yjinspect::intake
