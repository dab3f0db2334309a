// services/findings/verdicts/agreement.h: observed agreement, Cohen's kappa
// and Gwet's AC1 of double-marked answers, checked against worked examples
// computed by hand and, on random data, against a plain implementation of
// the textbook formulas in probabilities.

#include "services/findings/verdicts/agreement.h"

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace yjinspect::findings {
namespace {

// `count` pairs (first, second).
void Add(std::vector<MarkedPair>& pairs, const std::string& first,
         const std::string& second, int count) {
  for (int i = 0; i < count; ++i) pairs.push_back({first, second});
}

const std::vector<std::string> kYesNo = {"yes", "no"};

// The classic two-rater table: 50 items, both "yes" 20, yes/no 5, no/yes
// 10, both "no" 15. By hand: Po = 35/50 = 0.7; the first marker says yes
// 25 times, the second 30: Pe = 0.5 x 0.6 + 0.5 x 0.4 = 0.5, so kappa =
// (0.7 - 0.5) / 0.5 = 0.4. For AC1, pi_yes = 55/100, pi_no = 45/100, Pe =
// 2 x 0.55 x 0.45 / (2 - 1) = 0.495, so AC1 = 0.205 / 0.505 = 41/101.
TEST(AgreementTest, WorkedExample) {
  std::vector<MarkedPair> pairs;
  Add(pairs, "yes", "yes", 20);
  Add(pairs, "yes", "no", 5);
  Add(pairs, "no", "yes", 10);
  Add(pairs, "no", "no", 15);
  auto f = ComputeAgreement(pairs, kYesNo);
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->pairs, 50);
  EXPECT_EQ(f->agreeing, 35);
  EXPECT_EQ(f->categories.at("yes").first, 25);
  EXPECT_EQ(f->categories.at("yes").second, 30);
  EXPECT_DOUBLE_EQ(f->observed.value, 0.7);
  EXPECT_DOUBLE_EQ(f->cohens_kappa.value, 0.4);
  EXPECT_DOUBLE_EQ(f->gwets_ac1.value, 41.0 / 101.0);
  // Exact integers behind the kappa: (35 x 50 - 1250) / (2500 - 1250).
  EXPECT_EQ(f->cohens_kappa.numerator, 500);
  EXPECT_EQ(f->cohens_kappa.denominator, 1250);
}

// The kappa paradox: 100 cases, both "yes" 90, yes/no 5, no/yes 5. The
// markers agree on 90% yet kappa is below zero: Pe = 0.95^2 + 0.05^2 =
// 0.905, kappa = (0.9 - 0.905) / 0.095 = -1/19. AC1 stays high: Pe = 2 x
// 0.95 x 0.05 = 0.095, AC1 = 0.805 / 0.905 = 161/181.
TEST(AgreementTest, KappaParadoxAndAc1) {
  std::vector<MarkedPair> pairs;
  Add(pairs, "yes", "yes", 90);
  Add(pairs, "yes", "no", 5);
  Add(pairs, "no", "yes", 5);
  auto f = ComputeAgreement(pairs, kYesNo);
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_DOUBLE_EQ(f->observed.value, 0.9);
  EXPECT_NEAR(f->cohens_kappa.value, -1.0 / 19.0, 1e-15);
  EXPECT_NEAR(f->gwets_ac1.value, 161.0 / 181.0, 1e-15);
}

TEST(AgreementTest, NotApplicableIsACategoryOfItsOwn) {
  std::vector<MarkedPair> pairs;
  Add(pairs, "na", "na", 3);
  Add(pairs, "yes", "na", 1);
  auto f = ComputeAgreement(pairs, {"yes", "no", "na"});
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->agreeing, 3);
  EXPECT_EQ(f->categories.at("na").first, 3);
  EXPECT_EQ(f->categories.at("na").second, 4);
  EXPECT_EQ(f->categories.at("no").first, 0);
}

TEST(AgreementTest, UndefinedFiguresSayWhy) {
  auto none = ComputeAgreement({}, kYesNo);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->observed.defined);
  EXPECT_FALSE(none->cohens_kappa.defined);
  EXPECT_FALSE(none->gwets_ac1.defined);
  EXPECT_EQ(none->cohens_kappa.undefined_because, "no double-marked pairs");

  // Every answer "yes" from both: perfect agreement, but kappa has nothing
  // beyond chance to measure; AC1 is 1.
  std::vector<MarkedPair> all_yes;
  Add(all_yes, "yes", "yes", 12);
  auto f = ComputeAgreement(all_yes, kYesNo);
  ASSERT_TRUE(f.ok());
  EXPECT_DOUBLE_EQ(f->observed.value, 1.0);
  EXPECT_FALSE(f->cohens_kappa.defined);
  EXPECT_NE(f->cohens_kappa.undefined_because, "");
  EXPECT_TRUE(f->gwets_ac1.defined);
  EXPECT_DOUBLE_EQ(f->gwets_ac1.value, 1.0);

  auto one = ComputeAgreement(all_yes, {"yes"});
  ASSERT_TRUE(one.ok());
  EXPECT_FALSE(one->gwets_ac1.defined);
  EXPECT_NE(one->gwets_ac1.undefined_because, "");
}

TEST(AgreementTest, RefusesAnswersOutsideTheScale) {
  EXPECT_EQ(ComputeAgreement({{"yes", "maybe"}}, kYesNo).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ComputeAgreement({}, {"yes", "yes"}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

// The textbook formulas in probabilities, written plainly.
struct Reference {
  double po;
  double kappa;
  double ac1;
  bool kappa_defined;
};

Reference Plainly(const std::vector<MarkedPair>& pairs,
                  const std::vector<std::string>& scale) {
  const double n = static_cast<double>(pairs.size());
  double agree = 0;
  for (const MarkedPair& p : pairs) agree += p.first == p.second ? 1 : 0;
  const double po = agree / n;
  double pe_kappa = 0;
  double pe_gwet = 0;
  for (const std::string& c : scale) {
    double first = 0;
    double second = 0;
    for (const MarkedPair& p : pairs) {
      first += p.first == c ? 1 : 0;
      second += p.second == c ? 1 : 0;
    }
    pe_kappa += (first / n) * (second / n);
    const double pi = (first + second) / (2 * n);
    pe_gwet += pi * (1 - pi);
  }
  pe_gwet /= static_cast<double>(scale.size()) - 1;
  const bool defined = std::fabs(1 - pe_kappa) > 1e-12;
  return {po, defined ? (po - pe_kappa) / (1 - pe_kappa) : 0,
          (po - pe_gwet) / (1 - pe_gwet), defined};
}

// Random double-marked data, skewed like real answers (mostly "yes"), on
// two- and three-category scales: every figure equals the plain
// computation.
TEST(AgreementTest, EqualsThePlainFormulasOnRandomData) {
  std::mt19937 random(20261203);
  const std::vector<std::vector<std::string>> scales = {
      {"yes", "no"}, {"yes", "no", "na"}, {"a", "b", "c", "d"}};
  for (int round = 0; round < 500; ++round) {
    const std::vector<std::string>& scale = scales[round % scales.size()];
    const int n = 1 + static_cast<int>(random() % 60);
    const int skew = static_cast<int>(random() % 100);
    std::vector<MarkedPair> pairs;
    auto draw = [&] {
      return static_cast<int>(random() % 100) < skew
                 ? scale[0]
                 : scale[random() % scale.size()];
    };
    for (int i = 0; i < n; ++i) {
      const std::string first = draw();
      // The second marker agrees often, as inspectors mostly do.
      const std::string second = random() % 3 != 0 ? first : draw();
      pairs.push_back({first, second});
    }
    auto f = ComputeAgreement(pairs, scale);
    ASSERT_TRUE(f.ok()) << f.status();
    const Reference r = Plainly(pairs, scale);
    EXPECT_NEAR(f->observed.value, r.po, 1e-12) << round;
    ASSERT_EQ(f->cohens_kappa.defined, r.kappa_defined) << round;
    if (r.kappa_defined) {
      EXPECT_NEAR(f->cohens_kappa.value, r.kappa, 1e-9) << round;
    }
    EXPECT_NEAR(f->gwets_ac1.value, r.ac1, 1e-9) << round;
  }
}

}  // namespace
}  // namespace yjinspect::findings
