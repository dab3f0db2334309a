// services/intake/storage/keys.h: the byte order of keys is the order scans
// and the change log depend on.

#include "services/intake/storage/keys.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace yjinspect::intake {
namespace {

const std::vector<uint64_t>& Sequences() {
  static const auto* sequences =
      new std::vector<uint64_t>{0,
                                1,
                                2,
                                9,
                                10,
                                255,
                                256,
                                257,
                                1000,
                                65535,
                                65536,
                                uint64_t{1} << 32,
                                (uint64_t{1} << 32) + 1,
                                uint64_t{1} << 56,
                                std::numeric_limits<uint64_t>::max() - 1,
                                std::numeric_limits<uint64_t>::max()};
  return *sequences;
}

TEST(SequenceKeyTest, IsEightBytesBigEndian) {
  EXPECT_EQ(SequenceKey(0x0102030405060708),
            "\x01\x02\x03\x04\x05\x06\x07\x08");
  EXPECT_EQ(SequenceKey(1), std::string("\0\0\0\0\0\0\0\x01", 8));
  for (uint64_t sequence : Sequences()) {
    EXPECT_EQ(SequenceKey(sequence).size(), 8u) << sequence;
  }
}

TEST(SequenceKeyTest, ByteOrderIsNumericOrder) {
  // Shuffle-free check: every pair compares as the numbers do.
  const auto& sequences = Sequences();
  for (uint64_t a : sequences) {
    for (uint64_t b : sequences) {
      EXPECT_EQ(SequenceKey(a) < SequenceKey(b), a < b) << a << " vs " << b;
    }
  }
  // And a sort of the keys puts 9 before 10 and 255 before 256, unlike text.
  std::vector<std::string> keys;
  for (auto it = sequences.rbegin(); it != sequences.rend(); ++it) {
    keys.push_back(SequenceKey(*it));
  }
  std::sort(keys.begin(), keys.end());
  for (size_t i = 0; i < keys.size(); ++i) {
    EXPECT_EQ(DecodeSequenceKey(keys[i]), sequences[i]);
  }
}

TEST(SequenceKeyTest, RoundTrips) {
  for (uint64_t sequence : Sequences()) {
    auto decoded = DecodeSequenceKey(SequenceKey(sequence));
    ASSERT_TRUE(decoded.has_value());
    EXPECT_EQ(*decoded, sequence);
  }
}

TEST(SequenceKeyTest, WrongLengthDoesNotDecode) {
  EXPECT_EQ(DecodeSequenceKey(""), std::nullopt);
  EXPECT_EQ(DecodeSequenceKey(std::string(7, '\0')), std::nullopt);
  EXPECT_EQ(DecodeSequenceKey(std::string(9, '\0')), std::nullopt);
  EXPECT_EQ(DecodeSequenceKey("12345678"), uint64_t{0x3132333435363738});
}

bool InYotRange(const std::string& key, absl::string_view yot) {
  return key >= CaseKeyPrefix(yot) && key < CaseKeyLimit(yot);
}

TEST(CaseKeyTest, PrefixAndLimitBracketExactlyOneYot) {
  const std::string longest_case(64, 'z');
  for (const std::string& case_id : {std::string("0"), std::string("NM-0001"),
                                     std::string("zz_9"), longest_case}) {
    EXPECT_TRUE(InYotRange(CaseKey("northmoor", case_id), "northmoor"))
        << case_id;
  }
  // Neighbouring YOTs whose codes share the prefix, or sort right after it.
  for (const std::string& other :
       {std::string("northmoor2"), std::string("northmoor-east"),
        std::string("northmoo"), std::string("northmoos"),
        std::string("northmoora")}) {
    for (const std::string& case_id :
         {std::string("0"), std::string("NM-0001"), longest_case}) {
      EXPECT_FALSE(InYotRange(CaseKey(other, case_id), "northmoor"))
          << other << "/" << case_id;
    }
  }
}

TEST(CaseKeyTest, SortsByYotThenCase) {
  EXPECT_LT(CaseKey("northmoor", "A"), CaseKey("northmoor", "B"));
  EXPECT_LT(CaseKey("northmoor", "NM-9"), CaseKey("northmoor2", "A"));
  EXPECT_LT(CaseKey("northmoor", "zzzz"), CaseKey("northmoor-a", "A"));
  EXPECT_LT(CaseKey("a", "Z"), CaseKey("b", "A"));
  // The YOT/case boundary is unambiguous.
  EXPECT_NE(CaseKey("ab", "c"), CaseKey("a", "bc"));
}

TEST(CaseKeyTest, KeysOfOneYotAreContiguous) {
  std::vector<std::string> keys = {
      CaseKey("northmoor2", "A"),  CaseKey("northmoor", "Z"),
      CaseKey("northmoor-a", "M"), CaseKey("northmoor", "A"),
      CaseKey("northmoo", "Z"),    CaseKey("northmoor", "M")};
  std::sort(keys.begin(), keys.end());
  std::vector<bool> in_range;
  for (const auto& key : keys) in_range.push_back(InYotRange(key, "northmoor"));
  auto first = std::find(in_range.begin(), in_range.end(), true);
  ASSERT_NE(first, in_range.end());
  EXPECT_EQ(std::count(in_range.begin(), in_range.end(), true), 3);
  EXPECT_TRUE(*(first + 1) && *(first + 2));
}

TEST(RequestKeyTest, IsScopedByKind) {
  EXPECT_NE(RequestKey("case", "abc"), RequestKey("inspection", "abc"));
  EXPECT_EQ(RequestKey("case", "abc"), RequestKey("case", "abc"));
  EXPECT_NE(RequestKey("case", "abc"), RequestKey("case", "abd"));
}

TEST(InspectionKeyTest, IsTheIdSoKeysSortByName) {
  EXPECT_EQ(InspectionKey("nm-2014"), "nm-2014");
  EXPECT_LT(InspectionKey("nm-2014"), InspectionKey("nm-2015"));
}

}  // namespace
}  // namespace yjinspect::intake
