#include "services/intake/sampling/sample_draw.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <utility>

#include "common/fingerprint.h"

namespace yjinspect::intake {
namespace {

using StratumKey = std::pair<int, int>;  // disposal type, setting

StratumKey KeyOf(const FrameCase& c) {
  return {static_cast<int>(c.disposal_type), static_cast<int>(c.setting)};
}

// SplitMix64: a fixed, portable mix of the seed and a case name, so the
// order within a stratum depends only on the seed and the names.
uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

uint64_t DrawOrder(int64_t seed, const std::string& name) {
  uint64_t name_hash = std::stoull(common::FingerprintBytes(name), nullptr, 16);
  return Mix(static_cast<uint64_t>(seed) ^ Mix(name_hash));
}

int SampleSize(const v1::SamplingRules& rules, int frame_size, int* computed) {
  if (frame_size <= 0) {
    if (computed != nullptr) *computed = 0;
    return 0;
  }
  const double p = rules.proportion();
  const double e = rules.margin_of_error();
  const double n0 = rules.z() * rules.z() * p * (1 - p) / (e * e);
  const double n = n0 / (1 + (n0 - 1) / frame_size);
  // A tiny epsilon keeps an exact integer (20.0000000001) from rounding up.
  int size = static_cast<int>(std::ceil(n - 1e-9));
  if (computed != nullptr) *computed = size;
  size = std::max(size, rules.min_sample());
  if (rules.max_sample() > 0) size = std::min(size, rules.max_sample());
  return std::min(size, frame_size);
}

std::vector<v1::SampleStratum> Stratify(
    const std::vector<FrameCase>& frame,
    const std::vector<std::string>& chosen) {
  std::set<std::string> picked(chosen.begin(), chosen.end());
  std::map<StratumKey, v1::SampleStratum> strata;
  for (const FrameCase& c : frame) {
    v1::SampleStratum& s = strata[KeyOf(c)];
    s.set_disposal_type(c.disposal_type);
    s.set_setting(c.setting);
    s.set_eligible(s.eligible() + 1);
    if (picked.count(c.name) > 0) s.set_sampled(s.sampled() + 1);
  }
  std::vector<v1::SampleStratum> out;
  for (auto& [key, s] : strata) out.push_back(std::move(s));
  return out;
}

v1::InspectionSample DrawFromFrame(std::vector<FrameCase> frame,
                                   const v1::SamplingRules& rules,
                                   int64_t seed) {
  std::sort(
      frame.begin(), frame.end(),
      [](const FrameCase& a, const FrameCase& b) { return a.name < b.name; });
  v1::InspectionSample sample;
  sample.set_method(v1::SAMPLE_METHOD_DRAWN);
  sample.set_seed(seed);
  sample.set_frame_size(static_cast<int32_t>(frame.size()));
  int computed = 0;
  const int size = SampleSize(rules, static_cast<int>(frame.size()), &computed);
  sample.set_computed_size(computed);

  // Each stratum's cases in draw order.
  std::map<StratumKey, std::vector<const FrameCase*>> strata;
  for (const FrameCase& c : frame) strata[KeyOf(c)].push_back(&c);
  for (auto& [key, members] : strata) {
    std::sort(members.begin(), members.end(),
              [seed](const FrameCase* a, const FrameCase* b) {
                return DrawOrder(seed, a->name) < DrawOrder(seed, b->name);
              });
  }

  // Proportional allocation by largest remainder: floor(size * N_i / N),
  // then one more for the strata with the largest remainders (ties to the
  // lower stratum key, so the result is fixed).
  std::map<StratumKey, int> quota;
  std::vector<std::pair<int64_t, StratumKey>> remainders;
  int allocated = 0;
  const int64_t total = static_cast<int64_t>(frame.size());
  for (const auto& [key, members] : strata) {
    const int64_t share =
        static_cast<int64_t>(size) * static_cast<int64_t>(members.size());
    quota[key] = static_cast<int>(share / total);
    allocated += quota[key];
    remainders.push_back({share % total, key});
  }
  std::stable_sort(
      remainders.begin(), remainders.end(),
      [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t i = 0; allocated < size && i < remainders.size(); ++i) {
    ++quota[remainders[i].second];
    ++allocated;
  }

  std::vector<const FrameCase*> chosen;
  for (const auto& [key, members] : strata) {
    for (int i = 0; i < quota[key]; ++i) {
      chosen.push_back(members[static_cast<size_t>(i)]);
    }
  }

  // A PSR case where any exist: swap the first PSR case of a stratum for
  // that stratum's last drawn case, keeping the proportions.
  const bool has_psr = std::any_of(
      chosen.begin(), chosen.end(),
      [](const FrameCase* c) { return c->has_pre_sentence_report; });
  if (rules.include_pre_sentence_report_case() && !has_psr && size > 0) {
    for (const auto& [key, members] : strata) {
      const int taken = quota[key];
      if (taken == 0) continue;
      auto psr = std::find_if(
          members.begin() + taken, members.end(),
          [](const FrameCase* c) { return c->has_pre_sentence_report; });
      if (psr == members.end()) continue;
      const FrameCase* replaced = members[static_cast<size_t>(taken - 1)];
      std::replace(chosen.begin(), chosen.end(), replaced, *psr);
      sample.set_pre_sentence_report_case_added(true);
      break;
    }
    // Where no drawn stratum has a PSR case, take one from any stratum in
    // place of the last case of the largest drawn stratum.
    if (!sample.pre_sentence_report_case_added()) {
      for (const auto& [key, members] : strata) {
        auto psr = std::find_if(
            members.begin(), members.end(),
            [](const FrameCase* c) { return c->has_pre_sentence_report; });
        if (psr == members.end()) continue;
        auto largest = std::max_element(
            quota.begin(), quota.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });
        const FrameCase* replaced =
            strata[largest->first][static_cast<size_t>(largest->second - 1)];
        std::replace(chosen.begin(), chosen.end(), replaced, *psr);
        sample.set_pre_sentence_report_case_added(true);
        break;
      }
    }
  }

  std::vector<std::string> names;
  for (const FrameCase* c : chosen) {
    names.push_back(c->name);
    sample.add_cases(c->name);
  }
  sample.set_sample_size(static_cast<int32_t>(names.size()));
  for (auto& s : Stratify(frame, names)) *sample.add_strata() = std::move(s);
  return sample;
}

}  // namespace yjinspect::intake
