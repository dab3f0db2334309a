#include "bench/national_verdicts.h"

#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "absl/strings/str_cat.h"
#include "common/frameworks/framework_registry.h"
#include "services/findings/verdicts/verdict_engine.h"

namespace yjinspect::bench {
namespace {

// The SQS 2014 framework with its case criteria copied (new ids, same
// section, scale and key question) until it has `criteria` of them: the
// published frameworks have 21 to 31.
v1::Framework FrameworkWithCaseCriteria(int criteria) {
  auto registry = common::FrameworkRegistry::LoadBuiltIn();
  if (!registry.ok()) {
    fprintf(stderr, "frameworks: %s\n", registry.status().ToString().c_str());
    abort();
  }
  const v1::Framework* found = registry->Find("sqs-2014", "1");
  if (found == nullptr) abort();
  v1::Framework framework = *found;
  std::vector<std::pair<int, int>> originals;  // (section, criterion)
  for (int s = 0; s < framework.sections_size(); ++s) {
    if (framework.sections(s).evidence() != v1::EVIDENCE_SOURCE_CASES) continue;
    for (int c = 0; c < framework.sections(s).criteria_size(); ++c) {
      originals.emplace_back(s, c);
    }
  }
  int have = static_cast<int>(originals.size());
  for (int copy = 0; have < criteria; ++copy) {
    const auto [s, c] = originals[static_cast<size_t>(copy) % originals.size()];
    v1::Criterion clone = framework.sections(s).criteria(c);
    clone.set_id(absl::StrCat(clone.id(), "-copy", copy));
    *framework.mutable_sections(s)->add_criteria() = std::move(clone);
    ++have;
  }
  return framework;
}

// This thread's CPU time: on a shared machine the wall time also counts
// the time other processes held the cores.
double ThreadCpuMs() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e3 +
         static_cast<double>(now.tv_nsec) / 1e6;
}

}  // namespace

NationalVerdictsResult NationalVerdicts(int yots, int cases, int criteria,
                                        int runs) {
  const v1::Framework framework = FrameworkWithCaseCriteria(criteria);
  std::map<std::string, const v1::AnswerScale*> scales;
  for (const v1::AnswerScale& scale : framework.scales()) {
    scales[scale.id()] = &scale;
  }
  NationalVerdictsResult result;
  // Synthetic judgements: a fixed pseudo-random value of each criterion's
  // scale, and a mix of court and out-of-court disposals.
  static constexpr v1::DisposalType kDisposals[] = {
      v1::DISPOSAL_TYPE_REFERRAL_ORDER,
      v1::DISPOSAL_TYPE_YOUTH_REHABILITATION_ORDER,
      v1::DISPOSAL_TYPE_YOUTH_CAUTION,
      v1::DISPOSAL_TYPE_DETENTION_AND_TRAINING_ORDER};
  std::vector<std::vector<v1::CaseAnswers>> national(static_cast<size_t>(yots));
  uint64_t state = 2014;
  for (int y = 0; y < yots; ++y) {
    for (int c = 0; c < cases; ++c) {
      v1::CaseAnswers answers;
      answers.set_case_name(
          absl::StrCat("inspections/yot", y, "-2014/cases/C-", c));
      answers.set_disposal_type(kDisposals[(y + c) % 4]);
      answers.set_source(v1::EVIDENCE_SOURCE_CASES);
      int answered = 0;
      for (const v1::Section& section : framework.sections()) {
        if (section.evidence() != v1::EVIDENCE_SOURCE_CASES) continue;
        for (const v1::Criterion& criterion : section.criteria()) {
          const v1::AnswerScale* scale = scales.at(criterion.scale());
          state = state * 6364136223846793005ULL + 1442695040888963407ULL;
          const int pick = static_cast<int>(
              (state >> 33) % static_cast<uint64_t>(scale->values_size()));
          (*answers.mutable_answers())[criterion.id()] =
              scale->values(pick).id();
          ++answered;
        }
      }
      result.criteria = answered;
      national[static_cast<size_t>(y)].push_back(std::move(answers));
    }
  }
  for (int run = 0; run < runs; ++run) {
    const auto start = std::chrono::steady_clock::now();
    const double cpu_start = ThreadCpuMs();
    size_t sections = 0;
    for (const auto& inspection : national) {
      auto verdicts = findings::ComputeVerdicts(framework, inspection, {}, {});
      if (!verdicts.ok()) {
        fprintf(stderr, "verdicts: %s\n", verdicts.status().ToString().c_str());
        abort();
      }
      sections += static_cast<size_t>(verdicts->sections_size());
    }
    result.runs_ms.push_back(std::chrono::duration<double, std::milli>(
                                 std::chrono::steady_clock::now() - start)
                                 .count());
    result.cpu_ms.push_back(ThreadCpuMs() - cpu_start);
    if (sections == 0) abort();
  }
  return result;
}

}  // namespace yjinspect::bench
