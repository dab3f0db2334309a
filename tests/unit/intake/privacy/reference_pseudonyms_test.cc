#include "services/intake/privacy/reference_pseudonyms.h"

#include <fstream>

#include "gtest/gtest.h"
#include "services/intake/case_validation.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/temp_dir.h"

namespace yjinspect::intake {
namespace {

ReferencePseudonyms KeyFrom(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
  auto loaded = ReferencePseudonyms::FromKeyFile(path);
  EXPECT_TRUE(loaded.ok()) << loaded.status();
  return *loaded;
}

TEST(ReferencePseudonymsTest, SameChildSameYotGivesSamePseudonym) {
  testing::TempDir dir;
  ReferencePseudonyms keyed = KeyFrom(dir.Sub("k"), std::string(32, 'k'));
  EXPECT_EQ(keyed.OfChild("northmoor", "CH-0001"),
            keyed.OfChild("northmoor", "CH-0001"));
  EXPECT_NE(keyed.OfChild("northmoor", "CH-0001"),
            keyed.OfChild("northmoor", "CH-0002"));
}

TEST(ReferencePseudonymsTest, SameReferenceAtAnotherYotGivesAnotherPseudonym) {
  testing::TempDir dir;
  ReferencePseudonyms keyed = KeyFrom(dir.Sub("k"), std::string(32, 'k'));
  EXPECT_NE(keyed.OfChild("northmoor", "CH-0001"),
            keyed.OfChild("southmoor", "CH-0001"));
  // The separator keeps ("ab", "c") apart from ("a", "bc").
  EXPECT_NE(keyed.OfChild("ab", "c"), keyed.OfChild("a", "bc"));
}

TEST(ReferencePseudonymsTest, AnotherKeyGivesUnrelatedPseudonyms) {
  testing::TempDir dir;
  ReferencePseudonyms one = KeyFrom(dir.Sub("one"), std::string(32, 'a'));
  ReferencePseudonyms two = KeyFrom(dir.Sub("two"), std::string(32, 'b'));
  EXPECT_NE(one.OfChild("northmoor", "CH-0001"),
            two.OfChild("northmoor", "CH-0001"));
}

TEST(ReferencePseudonymsTest, PseudonymIsAValidReferenceWithoutTheOriginal) {
  testing::TempDir dir;
  ReferencePseudonyms keyed = KeyFrom(dir.Sub("k"), std::string(32, 'k'));
  const std::string pseudonym =
      keyed.OfChild("northmoor", "CHILDREF-1234567890");
  EXPECT_TRUE(ReferencePseudonyms::IsPseudonym(pseudonym)) << pseudonym;
  EXPECT_EQ(pseudonym.find("CHILDREF"), std::string::npos);
  v1::Case c = testing::ValidCase(pseudonym);
  EXPECT_TRUE(ValidateCase(c).empty()) << pseudonym;
}

TEST(ReferencePseudonymsTest, PseudonymSentBackIsKept) {
  testing::TempDir dir;
  ReferencePseudonyms keyed = KeyFrom(dir.Sub("k"), std::string(32, 'k'));
  const std::string pseudonym = keyed.OfChild("northmoor", "CH-0001");
  EXPECT_EQ(keyed.OfChild("northmoor", pseudonym), pseudonym);
}

// BLAKE2b-128(key "k" x 32, "northmoor\0CH-0001") in the pseudonyms'
// base32, computed apart from this code (Python's hashlib): children's
// pseudonyms are what every release before victims' cases gave.
TEST(ReferencePseudonymsTest, ChildPseudonymIsUnchangedByTheVictimsDomain) {
  testing::TempDir dir;
  ReferencePseudonyms keyed = KeyFrom(dir.Sub("k"), std::string(32, 'k'));
  EXPECT_EQ(keyed.OfChild("northmoor", "CH-0001"),
            "yjp-snud3eh4kgldz6u3k6cb4alhby");
}

TEST(ReferencePseudonymsTest, VictimPseudonymIsKeyedAndStable) {
  testing::TempDir dir;
  ReferencePseudonyms one = KeyFrom(dir.Sub("one"), std::string(32, 'a'));
  ReferencePseudonyms two = KeyFrom(dir.Sub("two"), std::string(32, 'b'));
  const std::string pseudonym = one.OfVictim("northmoor", "V-0001");
  EXPECT_TRUE(ReferencePseudonyms::IsPseudonym(pseudonym)) << pseudonym;
  EXPECT_EQ(one.OfVictim("northmoor", "V-0001"), pseudonym);
  EXPECT_NE(one.OfVictim("northmoor", "V-0002"), pseudonym);
  EXPECT_NE(one.OfVictim("southmoor", "V-0001"), pseudonym);
  EXPECT_NE(two.OfVictim("northmoor", "V-0001"), pseudonym);
  EXPECT_EQ(one.OfVictim("northmoor", pseudonym), pseudonym);
}

TEST(ReferencePseudonymsTest, VictimAndChildWithTheSameReferenceDiffer) {
  testing::TempDir dir;
  ReferencePseudonyms keyed = KeyFrom(dir.Sub("k"), std::string(32, 'k'));
  for (const char* reference : {"CH-0001", "V-0001", "1", "victim"}) {
    EXPECT_NE(keyed.OfVictim("northmoor", reference),
              keyed.OfChild("northmoor", reference))
        << reference;
  }
}

TEST(ReferencePseudonymsTest, HexKeyFileEqualsRawKeyFile) {
  testing::TempDir dir;
  ReferencePseudonyms raw = KeyFrom(dir.Sub("raw"), std::string(32, '\x11'));
  ReferencePseudonyms hex =
      KeyFrom(dir.Sub("hex"), std::string(64, '1').append("\n"));
  EXPECT_EQ(raw.OfChild("y", "r"), hex.OfChild("y", "r"));
}

TEST(ReferencePseudonymsTest, MalformedOrMissingKeyFileIsRefused) {
  testing::TempDir dir;
  std::ofstream(dir.Sub("short"), std::ios::binary) << "too short";
  EXPECT_EQ(ReferencePseudonyms::FromKeyFile(dir.Sub("short")).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ReferencePseudonyms::FromKeyFile(dir.Sub("absent")).status().code(),
            absl::StatusCode::kNotFound);
}

TEST(ReferencePseudonymsTest, NewKeyIsRandomAndNeverOverwritten) {
  testing::TempDir dir;
  ASSERT_TRUE(WriteNewPseudonymKey(dir.Sub("one")).ok());
  ASSERT_TRUE(WriteNewPseudonymKey(dir.Sub("two")).ok());
  EXPECT_EQ(WriteNewPseudonymKey(dir.Sub("one")).code(),
            absl::StatusCode::kAlreadyExists);
  auto one = ReferencePseudonyms::FromKeyFile(dir.Sub("one"));
  auto two = ReferencePseudonyms::FromKeyFile(dir.Sub("two"));
  ASSERT_TRUE(one.ok() && two.ok());
  EXPECT_NE(one->OfChild("y", "r"), two->OfChild("y", "r"));
}

}  // namespace
}  // namespace yjinspect::intake
