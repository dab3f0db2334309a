// cli/inspection_output.h: what a person reads about an inspection.

#include "cli/inspection_output.h"

#include <iostream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/testing/captured_stream.h"
#include "tests/testing/case_builder.h"

namespace yjinspect::cli {
namespace {

using testing::CapturedStream;
using ::testing::HasSubstr;
using ::testing::Not;

v1::Inspection Sampled() {
  v1::Inspection inspection;
  inspection.set_name("inspections/nm-2014");
  inspection.set_yot("yots/northmoor");
  inspection.set_yot_display_name("Northmoor Youth Justice Service");
  inspection.set_framework_id("sqs-2014");
  inspection.set_framework_version("2");
  *inspection.mutable_announcement_date() = testing::MakeDate(2014, 12, 1);
  *inspection.mutable_fieldwork_start_date() = testing::MakeDate(2014, 12, 15);
  *inspection.mutable_fieldwork_end_date() = testing::MakeDate(2014, 12, 17);
  inspection.set_state(v1::INSPECTION_STATE_SAMPLE_DRAWN);
  v1::InspectionSample& sample = *inspection.mutable_sample();
  sample.set_revision(2);
  sample.set_seed(7);
  sample.set_frame_size(40);
  sample.set_computed_size(20);
  sample.set_sample_size(2);
  sample.add_cases("yots/northmoor/cases/NM-0001");
  sample.add_cases("yots/northmoor/cases/NM-0002");
  v1::SampleReset* reset = inspection.add_sample_resets();
  reset->set_revision(1);
  reset->set_reason("a case was found to be ineligible");
  v1::StateTransition* step = inspection.add_transitions();
  step->set_to(v1::INSPECTION_STATE_SAMPLE_DRAWN);
  step->set_actor("lead-1");
  step->set_reason("sample revision 2 drawn with seed 7");
  return inspection;
}

TEST(PrintInspectionTest, TextSaysWhatWhenAndHowTheSampleWasDrawn) {
  CapturedStream out(std::cout);
  PrintInspection(Sampled(), /*json=*/false);
  const std::string text = out.Text();
  EXPECT_THAT(text, HasSubstr("inspections/nm-2014\n"));
  EXPECT_THAT(text, HasSubstr("YOT:         yots/northmoor (Northmoor Youth "
                              "Justice Service)"));
  EXPECT_THAT(text, HasSubstr("framework:   sqs-2014 version 2"));
  EXPECT_THAT(text, HasSubstr("fieldwork:   2014-12-15 to 2014-12-17"));
  EXPECT_THAT(text, HasSubstr("sample:      revision 2, drawn with seed 7"));
  EXPECT_THAT(text, HasSubstr("2 of 40 eligible cases"));
  EXPECT_THAT(text, HasSubstr("yots/northmoor/cases/NM-0002"));
  EXPECT_THAT(text, HasSubstr("step:        INSPECTION_STATE_SAMPLE_DRAWN by "
                              "lead-1: sample revision 2 drawn with seed 7"));
  EXPECT_THAT(text, HasSubstr("reset:       sample revision 1: a case was "
                              "found to be ineligible"));
}

TEST(PrintInspectionTest, SeveralPoolsArePrintedEachWithItsOwnWindow) {
  v1::Inspection inspection = Sampled();
  v1::InspectionSample& sample = *inspection.mutable_sample();
  v1::PoolSample& court = *sample.add_pools();
  court.set_pool_id("court-disposals");
  court.set_records(v1::POOL_RECORDS_CHILDREN_CASES);
  court.set_frame_size(30);
  court.set_computed_size(27);
  court.set_sample_size(2);
  *court.mutable_start_on_or_after() = testing::MakeDate(2014, 3, 15);
  *court.mutable_start_on_or_before() = testing::MakeDate(2014, 9, 22);
  court.add_cases("yots/northmoor/cases/NM-0001");
  court.add_cases("yots/northmoor/cases/NM-0002");
  v1::PoolSample& victims = *sample.add_pools();
  victims.set_pool_id("victims");
  victims.set_records(v1::POOL_RECORDS_VICTIM_CASES);
  victims.set_frame_size(10);
  CapturedStream out(std::cout);
  PrintInspection(inspection, /*json=*/false);
  const std::string text = out.Text();
  EXPECT_THAT(text, HasSubstr("2 of 40 eligible, in 2 pools"));
  EXPECT_THAT(text, HasSubstr("pool court-disposals: 2 of 30 eligible cases "
                              "(disposals started 2014-03-15 to 2014-09-22; "
                              "formula size 27)"));
  EXPECT_THAT(text, HasSubstr("pool victims: 0 of 10 eligible victims' "
                              "cases (first contact"));
  EXPECT_THAT(text, Not(HasSubstr("40 eligible cases")));
}

TEST(PrintInspectionTest, JsonIsTheMessageOnOneLine) {
  CapturedStream out(std::cout);
  PrintInspection(Sampled(), /*json=*/true);
  const std::string text = out.Text();
  ASSERT_EQ(text.back(), '\n');
  EXPECT_EQ(text.find('\n'), text.size() - 1);
  nlohmann::json parsed = nlohmann::json::parse(text);
  EXPECT_EQ(parsed["name"], "inspections/nm-2014");
  EXPECT_EQ(parsed["sample"]["seed"], "7");  // int64 is a string in JSON
}

}  // namespace
}  // namespace yjinspect::cli
