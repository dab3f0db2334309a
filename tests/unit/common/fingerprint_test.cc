// common/fingerprint.h: etags must be the same on every machine and every
// run (they are stored, and compared with what clients send back), so the
// hash is pinned to FNV-1a 64's published values, and a message's
// fingerprint must not depend on the order its map entries were added in.

#include "common/fingerprint.h"

#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "gtest/gtest.h"
#include "yjinspect/v1/verdicts.pb.h"

namespace yjinspect::common {
namespace {

using ::testing::MatchesRegex;

TEST(FingerprintBytesTest, IsFnv1a64AsPublished) {
  // The reference vectors of the FNV specification.
  EXPECT_EQ(FingerprintBytes(""), "cbf29ce484222325");
  EXPECT_EQ(FingerprintBytes("a"), "af63dc4c8601ec8c");
  EXPECT_EQ(FingerprintBytes("foobar"), "85944171f73967e8");
}

TEST(FingerprintBytesTest, IsAlwaysSixteenLowerCaseHexDigits) {
  // This input hashes below 2^56: its leading zeros must be kept.
  EXPECT_EQ(FingerprintBytes("NM-11600"), "0063326feeb67a39");
  for (const char* bytes : {"", "NM-0001", "inspections/northmoor-2014"}) {
    EXPECT_THAT(FingerprintBytes(bytes), MatchesRegex("[0-9a-f]{16}"));
  }
}

TEST(FingerprintBytesTest, EveryByteCountsIncludingNulAndHighBytes) {
  const std::string with_nul("a\0b", 3);
  EXPECT_EQ(FingerprintBytes(with_nul), "e5d29919042666b2");
  EXPECT_NE(FingerprintBytes(with_nul), FingerprintBytes("ab"));
  EXPECT_NE(FingerprintBytes("\xff"), FingerprintBytes("\x7f"));
}

using Entries = std::vector<std::pair<std::string, std::string>>;

// The answers to case NM-0001, their map entries added in the order given.
v1::CaseAnswers Answers(const Entries& in_order = {{"1.1.1", "yes"},
                                                   {"1.2.1", "no"},
                                                   {"2.1.3", "sufficient"}}) {
  v1::CaseAnswers answers;
  answers.set_case_name("inspections/northmoor-2014/cases/NM-0001");
  answers.set_disposal_type(v1::DISPOSAL_TYPE_REFERRAL_ORDER);
  for (const auto& [criterion, answer] : in_order) {
    (*answers.mutable_answers())[criterion] = answer;
  }
  return answers;
}

TEST(FingerprintMessageTest, IsTheFingerprintOfTheDeterministicBytes) {
  const v1::CaseAnswers answers = Answers();
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    ASSERT_TRUE(answers.SerializeToCodedStream(&coded));
  }
  EXPECT_EQ(FingerprintMessage(answers), FingerprintBytes(bytes));
}

TEST(FingerprintMessageTest, EqualMessagesHaveEqualFingerprints) {
  EXPECT_EQ(FingerprintMessage(Answers()), FingerprintMessage(Answers()));
  EXPECT_EQ(FingerprintMessage(v1::CaseAnswers()), FingerprintBytes(""));
}

TEST(FingerprintMessageTest, MapOrderDoesNotMatter) {
  const v1::CaseAnswers backwards =
      Answers({{"2.1.3", "sufficient"}, {"1.2.1", "no"}, {"1.1.1", "yes"}});
  EXPECT_EQ(FingerprintMessage(backwards), FingerprintMessage(Answers()));
}

TEST(DeterministicBytesTest, ParseBackToTheSameMessage) {
  v1::CaseAnswers parsed;
  ASSERT_TRUE(parsed.ParseFromString(DeterministicBytes(Answers())));
  EXPECT_EQ(parsed.case_name(), "inspections/northmoor-2014/cases/NM-0001");
  EXPECT_EQ(parsed.answers().at("2.1.3"), "sufficient");
  EXPECT_EQ(parsed.answers_size(), 3);
}

TEST(DeterministicBytesTest, MapOrderGivesTheSameBytes) {
  const v1::CaseAnswers backwards =
      Answers({{"2.1.3", "sufficient"}, {"1.2.1", "no"}, {"1.1.1", "yes"}});
  EXPECT_EQ(DeterministicBytes(backwards), DeterministicBytes(Answers()));
  EXPECT_EQ(DeterministicBytes(v1::CaseAnswers()), "");
}

TEST(FingerprintMessageTest, AnyChangedFieldChangesIt) {
  const std::string original = FingerprintMessage(Answers());
  v1::CaseAnswers changed_answer = Answers();
  (*changed_answer.mutable_answers())["1.2.1"] = "yes";
  v1::CaseAnswers changed_disposal = Answers();
  changed_disposal.set_disposal_type(v1::DISPOSAL_TYPE_YOUTH_CAUTION);
  v1::CaseAnswers one_more = Answers();
  (*one_more.mutable_answers())["3.1.1"] = "no";
  EXPECT_NE(FingerprintMessage(changed_answer), original);
  EXPECT_NE(FingerprintMessage(changed_disposal), original);
  EXPECT_NE(FingerprintMessage(one_more), original);
}

}  // namespace
}  // namespace yjinspect::common
