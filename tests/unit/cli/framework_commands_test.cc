// cli/framework_commands.h: naming the framework version a user means, and
// printing frameworks for a person.

#include "cli/framework_commands.h"

#include <sstream>

#include "gmock/gmock.h"
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
  version.set_name("frameworks/test-2014/versions/1");
  version.set_newest(true);
  v1::Framework& f = *version.mutable_framework();
  f.set_title("A test framework");
  f.set_provenance("synthetic");
  v1::AnswerScale& scale = *f.add_scales();
  scale.set_id("yes_no");
  scale.add_values()->set_id("yes");
  scale.add_values()->set_id("no");
  v1::Section& section = *f.add_sections();
  section.set_id("1");
  section.set_title("Assessment");
  v1::Criterion& first = *section.add_criteria();
  first.set_id("1.1");
  first.set_wording("Was the assessment timely?");
  first.set_scale("yes_no");
  v1::Criterion& second = *section.add_criteria();
  second.set_id("1.2");
  second.set_wording("Was it shared?");
  second.set_scale("yes_no");
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
