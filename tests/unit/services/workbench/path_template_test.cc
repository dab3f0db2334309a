#include "services/workbench/path_template.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace yjinspect::workbench {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

PathTemplate Parsed(const std::string& text) {
  absl::StatusOr<PathTemplate> t = PathTemplate::Parse(text);
  EXPECT_TRUE(t.ok()) << t.status();
  return *t;
}

TEST(PathTemplateTest, BindsAVariableToTheSegmentsItCovers) {
  const PathTemplate t = Parsed("/v1/{name=inspections/*/caseFindings/*}");
  std::vector<PathBinding> b;
  ASSERT_TRUE(t.Match("/v1/inspections/bolton-2014-12/caseFindings/B-1", &b));
  EXPECT_THAT(b, ElementsAre(Pair(
                     "name", "inspections/bolton-2014-12/caseFindings/B-1")));
}

TEST(PathTemplateTest, AVariableWithoutPatternIsOneSegment) {
  const PathTemplate t = Parsed("/v1/yots/{yot}/cases");
  std::vector<PathBinding> b;
  ASSERT_TRUE(t.Match("/v1/yots/bolton/cases", &b));
  EXPECT_THAT(b, ElementsAre(Pair("yot", "bolton")));
  EXPECT_FALSE(t.Match("/v1/yots/bolton/x/cases", &b));
}

TEST(PathTemplateTest, AVerbMustMatchExactly) {
  const PathTemplate t =
      Parsed("/v1/{inspection=inspections/*}:recordJudgements");
  std::vector<PathBinding> b;
  ASSERT_TRUE(t.Match("/v1/inspections/i-1:recordJudgements", &b));
  EXPECT_THAT(b, ElementsAre(Pair("inspection", "inspections/i-1")));
  EXPECT_FALSE(t.Match("/v1/inspections/i-1:agreeVerdicts", &b));
  EXPECT_FALSE(t.Match("/v1/inspections/i-1", &b));
}

TEST(PathTemplateTest, APathWithAVerbDoesNotMatchATemplateWithout) {
  const PathTemplate t = Parsed("/v1/{name=inspections/*}");
  EXPECT_FALSE(t.Match("/v1/inspections/i-1:drawSample", nullptr));
  EXPECT_TRUE(t.Match("/v1/inspections/i-1", nullptr));
}

TEST(PathTemplateTest, LiteralsAndSegmentCountsMustAgree) {
  const PathTemplate t = Parsed("/v1/{inspection=inspections/*}/verdicts");
  EXPECT_TRUE(t.Match("/v1/inspections/i-1/verdicts", nullptr));
  EXPECT_FALSE(t.Match("/v1/inspections/i-1/progress", nullptr));
  EXPECT_FALSE(t.Match("/v1/inspections/i-1", nullptr));
  EXPECT_FALSE(t.Match("/v1/inspections/i-1/verdicts/x", nullptr));
  EXPECT_FALSE(t.Match("v1/inspections/i-1/verdicts", nullptr));
}

TEST(PathTemplateTest, SegmentsArePercentDecodedButCannotHideASlash) {
  const PathTemplate t = Parsed("/v1/{name=yots/*/cases/*}");
  std::vector<PathBinding> b;
  ASSERT_TRUE(t.Match("/v1/yots/bolton/cases/B%2D1", &b));
  EXPECT_THAT(b, ElementsAre(Pair("name", "yots/bolton/cases/B-1")));
  // An encoded slash would let one segment stand for two.
  EXPECT_FALSE(t.Match("/v1/yots/bolton/cases/a%2Fb", &b));
  EXPECT_FALSE(t.Match("/v1/yots/bolton/cases/%zz", &b));
  EXPECT_FALSE(t.Match("/v1/yots//cases/B-1", &b));
}

TEST(PathTemplateTest, DoubleStarTakesTheRest) {
  const PathTemplate t = Parsed("/v1/{name=frameworks/**}");
  std::vector<PathBinding> b;
  ASSERT_TRUE(t.Match("/v1/frameworks/sqs-2014/versions/1", &b));
  EXPECT_THAT(b, ElementsAre(Pair("name", "frameworks/sqs-2014/versions/1")));
}

TEST(PathTemplateTest, NestedFieldPathsAreBound) {
  const PathTemplate t = Parsed("/v1/{case.name=yots/*/cases/*}");
  EXPECT_THAT(t.FieldPaths(), ElementsAre("case.name"));
}

TEST(PathTemplateTest, MalformedTemplatesAreRefused) {
  for (const char* bad :
       {"v1/x", "/v1/{name=inspections/*", "/v1/{=x}", "/v1/{1a}",
        "/v1/{a={b}}", "/v1//x", "/v1/**/x", "/v1/x:", "/v1/a{b}"}) {
    EXPECT_FALSE(PathTemplate::Parse(bad).ok()) << bad;
  }
}

TEST(PercentDecodeTest, DecodesEscapesAndRefusesBrokenOnes) {
  EXPECT_EQ(*PercentDecode("a%20b%2fc"), "a b/c");
  EXPECT_FALSE(PercentDecode("a%2").ok());
  EXPECT_FALSE(PercentDecode("a%g0").ok());
}

}  // namespace
}  // namespace yjinspect::workbench
