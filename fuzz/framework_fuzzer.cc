// Fuzz target: an inspection framework file (protobuf text format of
// yjinspect.v1.Framework, frameworks/*.textproto), as the services load it
// at start. A framework that loads is then used as the services use one:
// the sample size of its sampling rules for several caseload sizes, and the
// verdicts of a few synthetic cases and interviews answering every
// criterion, so that what validation lets through is fuzzed downstream too.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/frameworks/framework_loader.h"
#include "fuzz/fuzz_input.h"
#include "services/findings/verdicts/verdict_engine.h"
#include "services/intake/sampling/sample_draw.h"

namespace yjinspect::fuzz {
namespace {

const v1::AnswerScale* ScaleOf(const v1::Framework& framework,
                               const std::string& id) {
  for (const auto& scale : framework.scales()) {
    if (scale.id() == id) return &scale;
  }
  return nullptr;
}

// One record of `source` answering each of its criteria with the scale's
// value number `pick` (wrapping).
v1::CaseAnswers AnswerAll(const v1::Framework& framework,
                          v1::EvidenceSource source, v1::DisposalType disposal,
                          int pick) {
  v1::CaseAnswers answers;
  answers.set_case_name(absl::StrCat("fuzz/", pick));
  answers.set_source(source);
  answers.set_disposal_type(disposal);
  for (const auto& section : framework.sections()) {
    if (section.evidence() != source) continue;
    for (const auto& criterion : section.criteria()) {
      const v1::AnswerScale* scale = ScaleOf(framework, criterion.scale());
      if (scale == nullptr || scale->values().empty()) continue;
      (*answers.mutable_answers())[criterion.id()] =
          scale->values(pick % scale->values_size()).id();
    }
  }
  return answers;
}

void UseFramework(const v1::Framework& framework) {
  for (int frame : {0, 1, 7, 60, 1000, 1000000}) {
    int computed = 0;
    const int n = intake::SampleSize(framework.sampling(), frame, &computed);
    Require(n >= 0 && n <= frame, "a sample is no larger than its caseload");
  }
  std::vector<v1::CaseAnswers> cases;
  for (int pick = 0; pick < 3; ++pick) {
    cases.push_back(AnswerAll(framework, v1::EVIDENCE_SOURCE_CASES,
                              v1::DISPOSAL_TYPE_REFERRAL_ORDER, pick));
    cases.push_back(AnswerAll(framework, v1::EVIDENCE_SOURCE_CASES,
                              v1::DISPOSAL_TYPE_YOUTH_CAUTION, pick));
    cases.push_back(AnswerAll(framework, v1::EVIDENCE_SOURCE_STAFF_INTERVIEWS,
                              v1::DISPOSAL_TYPE_UNSPECIFIED, pick));
  }
  (void)findings::ComputeVerdicts(framework, {}, {}, {});
  (void)findings::ComputeVerdicts(framework, cases, {}, {});
}

}  // namespace
}  // namespace yjinspect::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  auto framework = yjinspect::common::ParseFramework(text, "fuzz.textproto");
  if (framework.ok()) yjinspect::fuzz::UseFramework(*framework);
  return 0;
}
