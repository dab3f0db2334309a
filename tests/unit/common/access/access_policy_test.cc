#include "common/access/access_policy.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace yjinspect::common {
namespace {

using ::testing::HasSubstr;

TEST(AccessPolicyTest, ParsesEveryRoleWithItsScope) {
  auto policy = AccessPolicy::Parse(
      R"pb(
        caller { identity: "bolton-yot" role: "yot-submitter" yot: "bolton" }
        caller {
          identity: "lead-1"
          role: "lead-inspector"
          assignment { inspection: "bolton-2014-12" yot: "bolton" }
        }
        caller {
          identity: "insp.1@hmip"
          role: "inspector"
          assignment { inspection: "bolton-2014-12" yot: "bolton" }
        }
        caller { identity: "findings-service" role: "findings-service" }
        caller { identity: "reader-1" role: "reader" }
        caller { identity: "workbench" role: "gateway" }
      )pb",
      "policy.textproto");
  ASSERT_TRUE(policy.ok()) << policy.status();
  EXPECT_EQ(policy->size(), 6u);
  EXPECT_EQ(policy->Find("workbench")->role, Role::kGateway);
  EXPECT_EQ(RoleName(Role::kGateway), "gateway");
  const PolicyEntry* submitter = policy->Find("bolton-yot");
  ASSERT_NE(submitter, nullptr);
  EXPECT_EQ(submitter->role, Role::kYotSubmitter);
  EXPECT_EQ(submitter->yots.count("bolton"), 1u);
  const PolicyEntry* lead = policy->Find("lead-1");
  ASSERT_NE(lead, nullptr);
  EXPECT_EQ(lead->assignments.at("bolton-2014-12"), "bolton");
  EXPECT_TRUE(lead->AssignedToYot("bolton"));
  EXPECT_FALSE(lead->AssignedToYot("wigan"));
  EXPECT_EQ(policy->Find("nobody"), nullptr);
  std::vector<std::string> identities;
  for (const PolicyEntry* entry : policy->Entries()) {
    identities.push_back(entry->identity);
  }
  EXPECT_EQ(identities, (std::vector<std::string>{
                            "bolton-yot", "findings-service", "insp.1@hmip",
                            "lead-1", "reader-1", "workbench"}));
}

struct BadPolicy {
  std::string name;
  std::string text;
  std::string where;   // "file:line:"
  std::string reason;  // part of the message
};

class AccessPolicyErrorTest : public ::testing::TestWithParam<BadPolicy> {};

TEST_P(AccessPolicyErrorTest, NamesFileLineAndReason) {
  auto policy = AccessPolicy::Parse(GetParam().text, "p.textproto");
  ASSERT_FALSE(policy.ok());
  EXPECT_EQ(policy.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(policy.status().message()),
              HasSubstr(GetParam().where));
  EXPECT_THAT(std::string(policy.status().message()),
              HasSubstr(GetParam().reason));
}

INSTANTIATE_TEST_SUITE_P(
    Policies, AccessPolicyErrorTest,
    ::testing::Values(
        BadPolicy{"Syntax", "caller {\n identity: \"a\"\n role: reader\n",
                  "p.textproto:3:", ""},
        BadPolicy{"UnknownField", "caller {\n  name: \"a\" }",
                  "p.textproto:2:", "name"},
        BadPolicy{"UnknownRole",
                  "caller {\n  identity: \"a\"\n  role: \"admin\"\n}",
                  "p.textproto:3:", "needs a role"},
        BadPolicy{"NoRole", "caller {\n  identity: \"a\"\n}",
                  "p.textproto:2:", "needs a role"},
        BadPolicy{"BadIdentity",
                  "caller { identity: \"a b\" role: \"reader\" }",
                  "p.textproto:1:", "identity must be"},
        BadPolicy{"SubmitterWithoutYot",
                  "caller { identity: \"a\" role: \"yot-submitter\" }",
                  "p.textproto:1:", "needs at least one yot"},
        BadPolicy{"ReaderWithYot",
                  "caller {\n identity: \"a\"\n role: \"reader\"\n yot: "
                  "\"bolton\"\n}",
                  "p.textproto:4:", "only a yot-submitter names yots"},
        BadPolicy{"YotName",
                  "caller { identity: \"a\" role: \"yot-submitter\"\n yot: "
                  "\"yots/bolton\" }",
                  "p.textproto:2:", "is not a YOT code"},
        BadPolicy{"InspectorWithoutAssignment",
                  "caller { identity: \"a\" role: \"inspector\" }",
                  "p.textproto:1:", "needs at least one assignment"},
        BadPolicy{"AssignmentWithoutYot",
                  "caller { identity: \"a\" role: \"inspector\"\n"
                  " assignment { inspection: \"b-2014\" } }",
                  "p.textproto:2:", "an assignment needs"},
        BadPolicy{"SubmitterWithAssignment",
                  "caller { identity: \"a\" role: \"yot-submitter\" yot: "
                  "\"b\"\n assignment { inspection: \"b-2014\" yot: \"b\" } }",
                  "p.textproto:2:", "only inspectors and lead inspectors"},
        BadPolicy{"GatewayWithYot",
                  "caller {\n identity: \"wb\"\n role: \"gateway\"\n yot: "
                  "\"bolton\"\n}",
                  "p.textproto:4:", "only a yot-submitter names yots"},
        BadPolicy{"GatewayWithAssignment",
                  "caller { identity: \"wb\" role: \"gateway\"\n"
                  " assignment { inspection: \"b-2014\" yot: \"b\" } }",
                  "p.textproto:2:", "only inspectors and lead inspectors"},
        BadPolicy{"DuplicateIdentity",
                  "caller { identity: \"a\" role: \"reader\" }\n"
                  "caller { identity: \"a\" role: \"reader\" }",
                  "p.textproto:2:", "appears twice"},
        BadPolicy{"Empty", "", "p.textproto", "names no caller"}),
    [](const auto& param_info) { return param_info.param.name; });

TEST(AccessPolicyTest, AGatewayActsForPeopleAndSystemsNeverForAService) {
  for (Role role : {Role::kYotSubmitter, Role::kInspector, Role::kLeadInspector,
                    Role::kReader, Role::kAuditor, Role::kOperator}) {
    EXPECT_TRUE(GatewayMayActFor(role)) << RoleName(role);
  }
  EXPECT_FALSE(GatewayMayActFor(Role::kFindingsService));
  EXPECT_FALSE(GatewayMayActFor(Role::kGateway));
}

TEST(AccessPolicyTest, AMissingFileIsNotFound) {
  auto policy = AccessPolicy::LoadFile("/nonexistent/policy.textproto");
  EXPECT_EQ(policy.status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace yjinspect::common
