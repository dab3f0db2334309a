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

  // What List answers for `id` ("": every framework); a failure fails the
  // test and gives an empty list.
  v1::ListFrameworksResponse Listed(const std::string& id = "") {
    v1::ListFrameworksRequest request;
    request.set_framework_id(id);
    auto listed = catalogue_.List(request);
    EXPECT_TRUE(listed.ok()) << listed.status();
    return listed.value_or(v1::ListFrameworksResponse());
  }

  absl::StatusOr<v1::FrameworkVersion> Get(const std::string& name) {
    v1::GetFrameworkRequest request;
    request.set_name(name);
    return catalogue_.Get(request);
  }

  FrameworkRegistry registry_ = *FrameworkRegistry::LoadBuiltIn();
  FrameworkCatalogue catalogue_{registry_};
};

TEST_F(FrameworkCatalogueTest, ListsEveryVersionByIdThenOldestFirst) {
  EXPECT_THAT(Names(Listed()),
              ElementsAre("frameworks/hmip-youth-2018/versions/1",
                          "frameworks/hmip-youth-2018/versions/2",
                          "frameworks/hmip-youth-2018/versions/3",
                          "frameworks/hmip-youth-2021/versions/1",
                          "frameworks/hmip-youth-2021/versions/2",
                          "frameworks/hmip-youth-2025/versions/1",
                          "frameworks/hmip-youth-2025-children-victims/"
                          "versions/1",
                          "frameworks/sqs-2014/versions/1",
                          "frameworks/sqs-2014/versions/2"));
}

TEST_F(FrameworkCatalogueTest, AListLeavesTheCriteriaOut) {
  const v1::ListFrameworksResponse listed = Listed();
  ASSERT_EQ(listed.frameworks_size(), 9);
  const v1::Framework& sqs = listed.frameworks(8).framework();
  EXPECT_EQ(FrameworkVersionName(sqs.id(), sqs.version()),
            "frameworks/sqs-2014/versions/2");
  EXPECT_EQ(sqs.title(),
            "Short Quality Screening of youth offending work (2014)");
  EXPECT_EQ(sqs.supersedes_size(), 1);
  EXPECT_EQ(sqs.sections_size() + sqs.scales_size(), 0) << "no criteria";
}

TEST_F(FrameworkCatalogueTest, SaysWhichVersionIsNewestAndWhatSupersedesOld) {
  const v1::ListFrameworksResponse listed = Listed("sqs-2014");
  ASSERT_EQ(listed.frameworks_size(), 2);
  const v1::FrameworkVersion& old = listed.frameworks(0);
  EXPECT_FALSE(old.newest());
  EXPECT_EQ(old.superseded().by_version(), "2");
  EXPECT_FALSE(old.superseded().reason().empty());
  const v1::FrameworkVersion& current = listed.frameworks(1);
  EXPECT_TRUE(current.newest());
  EXPECT_FALSE(current.has_superseded());
}

TEST_F(FrameworkCatalogueTest, AnUnknownIdListsNothing) {
  EXPECT_EQ(Listed("no-such-framework").frameworks_size(), 0);
}

TEST_F(FrameworkCatalogueTest, GetsOneVersionWhole) {
  auto got = Get("frameworks/hmip-youth-2021/versions/2");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(got->name(), "frameworks/hmip-youth-2021/versions/2");
  EXPECT_TRUE(got->newest());
  EXPECT_EQ(got->framework().sections_size(),
            registry_.Find("hmip-youth-2021", "2")->sections_size());
  EXPECT_GT(got->framework().sections_size(), 0);
}

TEST_F(FrameworkCatalogueTest, AnUnknownVersionIsNotFound) {
  auto got = Get("frameworks/sqs-2014/versions/9");
  EXPECT_EQ(got.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(got.status().message()),
              HasSubstr("framework sqs-2014 version 9 is not known"));
}

TEST_F(FrameworkCatalogueTest, AMalformedNameIsAViolationOfName) {
  for (const char* name :
       {"", "sqs-2014", "frameworks/sqs-2014", "frameworks//versions/1",
        "frameworks/sqs-2014/versions/", "frameworks/sqs-2014/versions/1/x",
        "inspections/sqs-2014/versions/1"}) {
    auto got = Get(name);
    EXPECT_EQ(got.status().code(), absl::StatusCode::kInvalidArgument) << name;
    ASSERT_EQ(ViolationsOf(got.status()).size(), 1u) << name;
    EXPECT_EQ(ViolationsOf(got.status())[0].field, "name") << name;
  }
}

}  // namespace
}  // namespace yjinspect::common
