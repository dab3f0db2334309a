// common/frameworks/framework_catalogue.h: the frameworks a service knows as
// frameworks/{id}/versions/{version}, listed and read.

#include "common/frameworks/framework_catalogue.h"

#include <string>
#include <vector>

#include "common/field_violations.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace yjinspect::common {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class FrameworkCatalogueTest : public ::testing::Test {
 protected:
  static std::vector<std::string> Names(
      const v1::ListFrameworksResponse& response) {
    std::vector<std::string> names;
    for (const auto& f : response.frameworks()) names.push_back(f.name());
    return names;
  }

  FrameworkRegistry registry_ = *FrameworkRegistry::LoadBuiltIn();
  FrameworkCatalogue catalogue_{registry_};
};

TEST_F(FrameworkCatalogueTest, ListsEveryVersionByIdThenOldestFirst) {
  auto listed = catalogue_.List(v1::ListFrameworksRequest());
  ASSERT_TRUE(listed.ok()) << listed.status();
  EXPECT_THAT(Names(*listed),
              ElementsAre("frameworks/hmip-youth-2018/versions/1",
                          "frameworks/hmip-youth-2018/versions/2",
                          "frameworks/hmip-youth-2021/versions/1",
                          "frameworks/sqs-2014/versions/1",
                          "frameworks/sqs-2014/versions/2"));
}

TEST_F(FrameworkCatalogueTest, TheBasicViewLeavesTheCriteriaOut) {
  auto listed = catalogue_.List(v1::ListFrameworksRequest());
  ASSERT_TRUE(listed.ok()) << listed.status();
  const v1::Framework& sqs = listed->frameworks(4).framework();
  EXPECT_EQ(sqs.id(), "sqs-2014");
  EXPECT_EQ(sqs.version(), "2");
  EXPECT_EQ(sqs.title(),
            "Short Quality Screening of youth offending work (2014)");
  EXPECT_EQ(sqs.supersedes_size(), 1);
  EXPECT_EQ(sqs.sections_size(), 0);
  EXPECT_EQ(sqs.scales_size(), 0);

  v1::ListFrameworksRequest full;
  full.set_view(v1::FRAMEWORK_VIEW_FULL);
  auto whole = catalogue_.List(full);
  ASSERT_TRUE(whole.ok()) << whole.status();
  EXPECT_EQ(whole->frameworks(4).framework().sections_size(),
            registry_.Find("sqs-2014", "2")->sections_size());
  EXPECT_GT(whole->frameworks(4).framework().sections_size(), 0);
}

TEST_F(FrameworkCatalogueTest, SaysWhichVersionIsNewestAndWhatSupersedesOld) {
  v1::ListFrameworksRequest request;
  request.set_framework_id("sqs-2014");
  auto listed = catalogue_.List(request);
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_EQ(listed->frameworks_size(), 2);
  const v1::FrameworkVersion& old = listed->frameworks(0);
  EXPECT_FALSE(old.newest());
  EXPECT_EQ(old.superseded().by_version(), "2");
  EXPECT_FALSE(old.superseded().reason().empty());
  const v1::FrameworkVersion& current = listed->frameworks(1);
  EXPECT_TRUE(current.newest());
  EXPECT_FALSE(current.has_superseded());
}

TEST_F(FrameworkCatalogueTest, AnUnknownIdListsNothing) {
  v1::ListFrameworksRequest request;
  request.set_framework_id("no-such-framework");
  auto listed = catalogue_.List(request);
  ASSERT_TRUE(listed.ok()) << listed.status();
  EXPECT_EQ(listed->frameworks_size(), 0);
}

TEST_F(FrameworkCatalogueTest, AnUnknownViewIsAViolationOfView) {
  v1::ListFrameworksRequest request;
  request.set_view(static_cast<v1::FrameworkView>(7));
  auto listed = catalogue_.List(request);
  EXPECT_EQ(listed.status().code(), absl::StatusCode::kInvalidArgument);
  ASSERT_EQ(ViolationsOf(listed.status()).size(), 1u);
  EXPECT_EQ(ViolationsOf(listed.status())[0].field, "view");
}

TEST_F(FrameworkCatalogueTest, GetsOneVersionWhole) {
  v1::GetFrameworkRequest request;
  request.set_name("frameworks/hmip-youth-2021/versions/1");
  auto got = catalogue_.Get(request);
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->name(), "frameworks/hmip-youth-2021/versions/1");
  EXPECT_TRUE(got->newest());
  EXPECT_EQ(got->framework().sections_size(),
            registry_.Find("hmip-youth-2021", "1")->sections_size());
}

TEST_F(FrameworkCatalogueTest, AnUnknownVersionIsNotFound) {
  v1::GetFrameworkRequest request;
  request.set_name("frameworks/sqs-2014/versions/9");
  auto got = catalogue_.Get(request);
  EXPECT_EQ(got.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(got.status().message()),
              HasSubstr("framework sqs-2014 version 9 is not known"));
}

TEST_F(FrameworkCatalogueTest, AMalformedNameIsAViolationOfName) {
  for (const char* name :
       {"", "sqs-2014", "frameworks/sqs-2014", "frameworks//versions/1",
        "frameworks/sqs-2014/versions/", "frameworks/sqs-2014/versions/1/x",
        "inspections/sqs-2014/versions/1"}) {
    v1::GetFrameworkRequest request;
    request.set_name(name);
    auto got = catalogue_.Get(request);
    EXPECT_EQ(got.status().code(), absl::StatusCode::kInvalidArgument) << name;
    ASSERT_EQ(ViolationsOf(got.status()).size(), 1u) << name;
    EXPECT_EQ(ViolationsOf(got.status())[0].field, "name") << name;
  }
}

}  // namespace
}  // namespace yjinspect::common
