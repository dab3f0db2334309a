// services/intake/storage/log_entry.h: the change log keeps no second copy
// of a record's content, except what the findings service is sent.

#include "services/intake/storage/log_entry.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace yjinspect::intake {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

v1::Case StoredCase() {
  v1::Case c;
  c.set_name("yots/northmoor/cases/NM-1");
  c.set_etag("etag-1");
  c.mutable_child()->set_reference("pseudonym-of-the-child");
  c.mutable_create_time()->set_seconds(1700000000);
  return c;
}

TEST(LogEntryTest, ACaseNotForFindingsKeepsOnlyItsNameAndEtag) {
  v1::Change change;
  change.set_sequence(7);
  change.set_request_id("rq-1");
  *change.mutable_case_stored() = StoredCase();
  const v1::Change entry = LogEntryOf(change);
  EXPECT_EQ(entry.sequence(), 7u);
  EXPECT_EQ(entry.request_id(), "rq-1");
  ASSERT_TRUE(entry.has_case_stored());
  EXPECT_EQ(entry.case_stored().name(), "yots/northmoor/cases/NM-1");
  EXPECT_EQ(entry.case_stored().etag(), "etag-1");
  EXPECT_FALSE(entry.case_stored().has_child());
  EXPECT_FALSE(entry.case_stored().has_create_time());
  EXPECT_THAT(entry.DebugString(), Not(HasSubstr("pseudonym-of-the-child")));
}

TEST(LogEntryTest, AVictimsCaseNotForFindingsKeepsOnlyItsNameAndEtag) {
  v1::Change change;
  v1::VictimCase& victim = *change.mutable_victim_case_stored();
  victim.set_name("yots/northmoor/victimCases/V-1");
  victim.set_etag("etag-v");
  victim.set_victim_reference("pseudonym-of-the-victim");
  const v1::Change entry = LogEntryOf(change);
  EXPECT_EQ(entry.victim_case_stored().name(), victim.name());
  EXPECT_EQ(entry.victim_case_stored().etag(), "etag-v");
  EXPECT_TRUE(entry.victim_case_stored().victim_reference().empty());
}

TEST(LogEntryTest, AChangeForFindingsIsKeptWhole) {
  v1::Change change;
  change.set_for_findings(true);
  *change.mutable_case_stored() = StoredCase();
  EXPECT_EQ(LogEntryOf(change).SerializeAsString(), change.SerializeAsString());
}

TEST(LogEntryTest, OtherChangesAreKeptWhole) {
  v1::Change sampled;
  sampled.mutable_case_sampled()->set_inspection("inspections/nm-2014");
  *sampled.mutable_case_sampled()->mutable_case_() = StoredCase();
  EXPECT_EQ(LogEntryOf(sampled).SerializeAsString(),
            sampled.SerializeAsString());
  v1::Change erased;
  erased.mutable_case_erased()->set_name("yots/northmoor/cases/NM-1");
  EXPECT_EQ(LogEntryOf(erased).SerializeAsString(), erased.SerializeAsString());
}

}  // namespace
}  // namespace yjinspect::intake
