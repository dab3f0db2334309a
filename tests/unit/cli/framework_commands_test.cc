// cli/framework_commands.h: naming the framework version a user means, and
// printing frameworks for a person.

#include "cli/framework_commands.h"

#include <sstream>

#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"

namespace yjinspect::cli {
namespace {

using ::testing::HasSubstr;

TEST(FrameworkVersionNameOfTest, AFullNameStandsAsItIs) {
  EXPECT_EQ(FrameworkVersionNameOf("frameworks/sqs-2014/versions/1", ""),
            "frameworks/sqs-2014/versions/1");
}

TEST(FrameworkVersionNameOfTest, AnIdWithAVersionIsNamed) {
  EXPECT_EQ(FrameworkVersionNameOf("sqs-2014", "2"),
            "frameworks/sqs-2014/versions/2");
}

TEST(FrameworkVersionNameOfTest, AnIdAloneLeavesTheVersionToLookUp) {
  EXPECT_EQ(FrameworkVersionNameOf("sqs-2014", ""), "");
}

v1::FrameworkVersion TwoCriteria() {
  v1::FrameworkVersion version;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(
      R"pb(name: "frameworks/test-2014/versions/1"
           newest: true
           framework {
             title: "A test framework"
             provenance: "synthetic"
             scales {
               id: "yes_no"
               values { id: "yes" }
               values { id: "no" }
             }
             sections {
               id: "1"
               title: "Assessment"
               criteria {
                 id: "1.1"
                 wording: "Was the assessment timely?"
                 scale: "yes_no"
               }
               criteria { id: "1.2" wording: "Was it shared?" scale: "yes_no" }
             }
           })pb",
      &version));
  return version;
}

TEST(PrintFrameworkTest, ALineSaysNewestOrWhatSupersedes) {
  std::ostringstream newest;
  PrintFrameworkLine(TwoCriteria(), newest);
  EXPECT_EQ(newest.str(),
            "frameworks/test-2014/versions/1  A test framework  (newest)\n");

  v1::FrameworkVersion old = TwoCriteria();
  old.set_newest(false);
  old.mutable_superseded()->set_by_version("2");
  std::ostringstream superseded;
  PrintFrameworkLine(old, superseded);
  EXPECT_THAT(superseded.str(), HasSubstr("(superseded by version 2)"));
}

TEST(PrintFrameworkTest, TheTextListsEachCriterionWithItsAnswers) {
  std::ostringstream out;
  PrintFrameworkText(TwoCriteria(), out);
  EXPECT_THAT(out.str(), HasSubstr("synthetic\n"));
  EXPECT_THAT(out.str(), HasSubstr("\n1 Assessment\n"
                                   "  1.1 Was the assessment timely? "
                                   "[yes|no]\n"
                                   "  1.2 Was it shared? [yes|no]\n"));
}

}  // namespace
}  // namespace yjinspect::cli
