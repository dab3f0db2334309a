// services/findings/verdicts/count_phrases.h: every phrase is exactly true
// of its counts. The checker below states what each phrase means in English,
// independently of the rules that choose it.

#include "services/findings/verdicts/count_phrases.h"

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "gtest/gtest.h"
#include "tests/testing/name_of_row.h"

namespace yjinspect::findings {
namespace {

// The number a word or digit string names: "six" -> 6, "23" -> 23.
std::optional<int64_t> ParseNumber(absl::string_view text) {
  static const char* const kWords[] = {
      "zero",     "one",      "two",      "three",   "four",    "five",
      "six",      "seven",    "eight",    "nine",    "ten",     "eleven",
      "twelve",   "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
      "eighteen", "nineteen", "twenty"};
  for (int64_t i = 0; i <= 20; ++i) {
    if (text == kWords[i]) return i;
  }
  int64_t number = 0;
  // Digits are only for numbers beyond twenty.
  if (absl::SimpleAtoi(text, &number) && number > 20) return number;
  return std::nullopt;
}

// Whether `phrase` is a true statement that `c` of `n` cases are meant;
// nullopt for a phrase the checker does not know.
std::optional<bool> CountPhraseIsTrue(absl::string_view phrase, int64_t c,
                                      int64_t n) {
  if (phrase == "the only case") return n == 1 && c == 1;
  if (phrase == "no case" || phrase == "none of the cases") return c == 0;
  if (phrase == "neither case") return n == 2 && c == 0;
  if (phrase == "both cases") return n == 2 && c == 2;
  if (phrase == "one of the two cases") return n == 2 && c == 1;
  if (phrase == "all cases") return c == n;
  if (phrase == "all but one case") return c == n - 1;
  if (phrase == "half of the cases") return 2 * c == n;
  // "most": at least three quarters, and not all.
  if (phrase == "most cases") return 4 * c >= 3 * n && c < n;
  // "the majority": more than half, and not all.
  if (phrase == "the majority of cases") return 2 * c > n && c < n;
  // "almost half": less than half, but at least two fifths.
  if (phrase == "almost half of the cases") return 2 * c < n && 5 * c >= 2 * n;
  // Below ten cases: "<count> of the <total> cases", both named.
  if (const size_t of = phrase.find(" of the ");
      of != absl::string_view::npos && absl::EndsWith(phrase, " cases")) {
    const auto named_count = ParseNumber(phrase.substr(0, of));
    absl::string_view rest = phrase.substr(of + 8);
    absl::ConsumeSuffix(&rest, " cases");
    const auto named_total = ParseNumber(rest);
    if (!named_count.has_value() || !named_total.has_value()) {
      return std::nullopt;
    }
    return c == *named_count && n == *named_total;
  }
  // "<number> case" (only for one) or "<number> cases".
  absl::string_view number = phrase;
  if (absl::ConsumeSuffix(&number, " cases")) {
    const auto value = ParseNumber(number);
    if (!value.has_value()) return std::nullopt;
    return *value != 1 && c == *value;
  }
  if (absl::ConsumeSuffix(&number, " case")) {
    const auto value = ParseNumber(number);
    if (!value.has_value()) return std::nullopt;
    return *value == 1 && c == 1;
  }
  return std::nullopt;
}

// Whether `phrase` truly names the n - c cases left over.
std::optional<bool> RemainderPhraseIsTrue(absl::string_view phrase, int64_t c,
                                          int64_t n) {
  if (phrase.empty()) return c == n;
  if (phrase == "the remaining case") return n - c == 1;
  absl::string_view number = phrase;
  if (!absl::ConsumePrefix(&number, "the remaining ")) return std::nullopt;
  const auto value = ParseNumber(number);
  if (!value.has_value()) return std::nullopt;
  return *value >= 2 && n - c == *value;
}

// Every count of every total from 1 to 100 (5,150 pairs), each property
// checked in one test so that the suite stays one process per property.
template <typename Check>
void ForEveryCount(Check check) {
  for (int64_t n = 1; n <= 100; ++n) {
    for (int64_t c = 0; c <= n; ++c) {
      SCOPED_TRACE(absl::StrCat(c, " of ", n));
      check(c, n);
    }
  }
}

// What `phrase_of` says of every count is true by `is_true`.
void ExpectTrueOfEveryCount(std::string (*phrase_of)(int64_t, int64_t),
                            std::optional<bool> (*is_true)(absl::string_view,
                                                           int64_t, int64_t)) {
  ForEveryCount([&](int64_t c, int64_t n) {
    const std::string phrase = phrase_of(c, n);
    const auto truth = is_true(phrase, c, n);
    ASSERT_TRUE(truth.has_value()) << "unknown phrase \"" << phrase << "\"";
    EXPECT_TRUE(*truth) << "\"" << phrase << "\" is false of " << c << "/" << n;
  });
}

TEST(CountPhraseTest, IsTrueOfEveryCountOfEveryTotalUpTo100) {
  ExpectTrueOfEveryCount(CountPhrase, CountPhraseIsTrue);
}

TEST(CountPhraseTest, RemainderIsTrueOfTheRestForEveryCount) {
  ExpectTrueOfEveryCount(RemainderPhrase, RemainderPhraseIsTrue);
}

TEST(CountPhraseTest, SmallTotalsAreNeverAProportion) {
  ForEveryCount([](int64_t c, int64_t n) {
    if (n >= kSmallTotal) return;
    const std::string phrase = CountPhrase(c, n);
    for (absl::string_view word : {"most", "majority", "half"}) {
      EXPECT_FALSE(absl::StrContains(phrase, word)) << phrase;
    }
  });
}

// IsNamedProportion agrees with the phrases CountPhrase actually chooses.
TEST(CountPhraseTest, IsNamedProportionAgreesWithThePhrase) {
  ForEveryCount([](int64_t c, int64_t n) {
    const std::string phrase = CountPhrase(c, n);
    const bool proportion = absl::StartsWith(phrase, "most ") ||
                            absl::StartsWith(phrase, "the majority ") ||
                            absl::StartsWith(phrase, "half ") ||
                            absl::StartsWith(phrase, "almost half ");
    EXPECT_EQ(IsNamedProportion(c, n), proportion) << phrase;
  });
}

TEST(CountPhraseTest, SentenceIsTheCapitalisedPhraseAndStatement) {
  ForEveryCount([](int64_t c, int64_t n) {
    EXPECT_EQ(CountSentence(c, n, "work was done"),
              absl::StrCat("In ", CountPhrase(c, n), ", work was done."));
  });
}

TEST(CountPhraseTest, PairSpeaksOfEveryCaseOnce) {
  ForEveryCount([](int64_t c, int64_t n) {
    const std::string pair = CountAndRemainderSentences(c, n, "yes", "no");
    if (c == n) {
      EXPECT_EQ(pair, CountSentence(n, n, "yes"));
    } else if (c == 0) {
      EXPECT_EQ(pair, CountSentence(n, n, "no"));
    } else {
      EXPECT_EQ(pair, absl::StrCat(CountSentence(c, n, "yes"), " ",
                                   RemainderSentence(c, n, "no")));
    }
  });
}

struct Example {
  std::string name;
  int64_t count;
  int64_t total;
  std::string phrase;
};
// Test logs name the row, not its bytes.
void PrintTo(const Example& row, std::ostream* os) { *os << row.name; }

class CountPhraseExampleTest : public ::testing::TestWithParam<Example> {};

TEST_P(CountPhraseExampleTest, ReadsAsTheLetterWould) {
  EXPECT_EQ(CountPhrase(GetParam().count, GetParam().total), GetParam().phrase);
}

INSTANTIATE_TEST_SUITE_P(
    Bolton, CountPhraseExampleTest,
    ::testing::Values(
        Example{"AllCases", 20, 20, "all cases"},
        Example{"AllButOne", 19, 20, "all but one case"},
        Example{"SixCases", 6, 20, "six cases"},
        Example{"MostAtThreeQuarters", 15, 20, "most cases"},
        Example{"MostWithThreeRemaining", 17, 20, "most cases"},
        Example{"MajorityJustBelowThreeQuarters", 14, 20,
                "the majority of cases"},
        Example{"ElevenIsNotMost", 11, 20, "the majority of cases"},
        Example{"Half", 10, 20, "half of the cases"},
        Example{"AlmostHalf", 9, 20, "almost half of the cases"},
        Example{"AlmostHalfAtTwoFifths", 8, 20, "almost half of the cases"},
        Example{"BelowTwoFifthsIsANumber", 7, 20, "seven cases"},
        Example{"OneCase", 1, 20, "one case"},
        Example{"NoneOfTheCases", 0, 20, "none of the cases"},
        Example{"DigitsBeyondTwenty", 21, 60, "21 cases"},
        Example{"TwentyInWords", 20, 60, "twenty cases"},
        Example{"BothCases", 2, 2, "both cases"},
        Example{"TwoOfFiveIsNamed", 2, 5, "two of the five cases"},
        Example{"OneOfNineIsNamed", 1, 9, "one of the nine cases"},
        Example{"HalfOfFourIsNamed", 2, 4, "two of the four cases"},
        Example{"FourOfFiveIsAllButOne", 4, 5, "all but one case"},
        Example{"FiveOfTenIsHalf", 5, 10, "half of the cases"},
        Example{"NeitherCase", 0, 2, "neither case"},
        Example{"OnlyCase", 1, 1, "the only case"}),
    ::yjinspect::testing::NameOfRow<Example>);

TEST(CountSentenceTest, WritesTheLettersSentences) {
  EXPECT_EQ(CountSentence(19, 20, "there had been an effective review"),
            "In all but one case, there had been an effective review.");
  EXPECT_EQ(CountSentence(6, 20,
                          "there was insufficient identification of the "
                          "nature of the violence."),
            "In six cases, there was insufficient identification of the "
            "nature of the violence.");
  EXPECT_EQ(CountAndRemainderSentences(17, 20,
                                       "the assessed level of risk was correct",
                                       "the risk was under-estimated"),
            "In most cases, the assessed level of risk was correct. In the "
            "remaining three, the risk was under-estimated.");
}

TEST(CountSentenceTest, RemainderOfOneIsSingular) {
  EXPECT_EQ(RemainderSentence(19, 20, "it was not"),
            "In the remaining case, it was not.");
  EXPECT_EQ(RemainderSentence(20, 20, "it was not"), "");
}

TEST(CountPhraseTest, ImpossibleCountsSayNothing) {
  EXPECT_EQ(CountPhrase(-1, 5), "");
  EXPECT_EQ(CountPhrase(6, 5), "");
  EXPECT_EQ(CountPhrase(0, 0), "");
  EXPECT_EQ(RemainderPhrase(6, 5), "");
  EXPECT_EQ(CountSentence(3, 2, "x"), "");
  EXPECT_EQ(CountAndRemainderSentences(0, 0, "x", "y"), "");
}

TEST(NumberInWordsTest, WordsUpToTwentyThenDigits) {
  EXPECT_EQ(NumberInWords(0), "zero");
  EXPECT_EQ(NumberInWords(1), "one");
  EXPECT_EQ(NumberInWords(13), "thirteen");
  EXPECT_EQ(NumberInWords(20), "twenty");
  EXPECT_EQ(NumberInWords(21), "21");
  EXPECT_EQ(NumberInWords(150), "150");
  EXPECT_EQ(NumberInWords(-1), "");
}

}  // namespace
}  // namespace yjinspect::findings
