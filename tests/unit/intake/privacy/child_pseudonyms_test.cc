#include "services/intake/privacy/child_pseudonyms.h"

#include <fstream>

#include "gtest/gtest.h"
#include "services/intake/case_validation.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/temp_dir.h"

namespace yjinspect::intake {
namespace {

ChildPseudonyms KeyFrom(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
  auto loaded = ChildPseudonyms::FromKeyFile(path);
  EXPECT_TRUE(loaded.ok()) << loaded.status();
  return *loaded;
}

TEST(ChildPseudonymsTest, SameChildSameYotGivesSamePseudonym) {
  testing::TempDir dir;
  ChildPseudonyms keyed = KeyFrom(dir.Sub("k"), std::string(32, 'k'));
  EXPECT_EQ(keyed.Pseudonymise("northmoor", "CH-0001"),
            keyed.Pseudonymise("northmoor", "CH-0001"));
  EXPECT_NE(keyed.Pseudonymise("northmoor", "CH-0001"),
            keyed.Pseudonymise("northmoor", "CH-0002"));
}

TEST(ChildPseudonymsTest, SameReferenceAtAnotherYotGivesAnotherPseudonym) {
  testing::TempDir dir;
  ChildPseudonyms keyed = KeyFrom(dir.Sub("k"), std::string(32, 'k'));
  EXPECT_NE(keyed.Pseudonymise("northmoor", "CH-0001"),
            keyed.Pseudonymise("southmoor", "CH-0001"));
  // The separator keeps ("ab", "c") apart from ("a", "bc").
  EXPECT_NE(keyed.Pseudonymise("ab", "c"), keyed.Pseudonymise("a", "bc"));
}

TEST(ChildPseudonymsTest, AnotherKeyGivesUnrelatedPseudonyms) {
  testing::TempDir dir;
  ChildPseudonyms one = KeyFrom(dir.Sub("one"), std::string(32, 'a'));
  ChildPseudonyms two = KeyFrom(dir.Sub("two"), std::string(32, 'b'));
  EXPECT_NE(one.Pseudonymise("northmoor", "CH-0001"),
            two.Pseudonymise("northmoor", "CH-0001"));
}

TEST(ChildPseudonymsTest, PseudonymIsAValidReferenceWithoutTheOriginal) {
  testing::TempDir dir;
  ChildPseudonyms keyed = KeyFrom(dir.Sub("k"), std::string(32, 'k'));
  const std::string pseudonym =
      keyed.Pseudonymise("northmoor", "CHILDREF-1234567890");
  EXPECT_TRUE(ChildPseudonyms::IsPseudonym(pseudonym)) << pseudonym;
  EXPECT_EQ(pseudonym.find("CHILDREF"), std::string::npos);
  v1::Case c = testing::ValidCase(pseudonym);
  EXPECT_TRUE(ValidateCase(c).empty()) << pseudonym;
}

TEST(ChildPseudonymsTest, PseudonymSentBackIsKept) {
  testing::TempDir dir;
  ChildPseudonyms keyed = KeyFrom(dir.Sub("k"), std::string(32, 'k'));
  const std::string pseudonym = keyed.Pseudonymise("northmoor", "CH-0001");
  EXPECT_EQ(keyed.Pseudonymise("northmoor", pseudonym), pseudonym);
}

TEST(ChildPseudonymsTest, HexKeyFileEqualsRawKeyFile) {
  testing::TempDir dir;
  ChildPseudonyms raw = KeyFrom(dir.Sub("raw"), std::string(32, '\x11'));
  ChildPseudonyms hex =
      KeyFrom(dir.Sub("hex"), std::string(64, '1').append("\n"));
  EXPECT_EQ(raw.Pseudonymise("y", "r"), hex.Pseudonymise("y", "r"));
}

TEST(ChildPseudonymsTest, MalformedOrMissingKeyFileIsRefused) {
  testing::TempDir dir;
  std::ofstream(dir.Sub("short"), std::ios::binary) << "too short";
  EXPECT_EQ(ChildPseudonyms::FromKeyFile(dir.Sub("short")).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ChildPseudonyms::FromKeyFile(dir.Sub("absent")).status().code(),
            absl::StatusCode::kNotFound);
}

TEST(ChildPseudonymsTest, NewKeyIsRandomAndNeverOverwritten) {
  testing::TempDir dir;
  ASSERT_TRUE(WriteNewPseudonymKey(dir.Sub("one")).ok());
  ASSERT_TRUE(WriteNewPseudonymKey(dir.Sub("two")).ok());
  EXPECT_EQ(WriteNewPseudonymKey(dir.Sub("one")).code(),
            absl::StatusCode::kAlreadyExists);
  auto one = ChildPseudonyms::FromKeyFile(dir.Sub("one"));
  auto two = ChildPseudonyms::FromKeyFile(dir.Sub("two"));
  ASSERT_TRUE(one.ok() && two.ok());
  EXPECT_NE(one->Pseudonymise("y", "r"), two->Pseudonymise("y", "r"));
}

}  // namespace
}  // namespace yjinspect::intake
