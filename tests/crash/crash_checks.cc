#include "tests/crash/crash_checks.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/fingerprint.h"
#include "google/protobuf/util/message_differencer.h"

namespace yjinspect::crash {
namespace {

using ::google::protobuf::util::MessageDifferencer;

constexpr size_t kExamples = 3;

std::string Bytes(const google::protobuf::Message& message) {
  return common::DeterministicBytes(message);
}

// Equal content; bytes first, as tens of thousands of cases are compared
// every cycle of a long run.
bool Same(const google::protobuf::Message& a,
          const google::protobuf::Message& b) {
  return Bytes(a) == Bytes(b) || MessageDifferencer::Equals(a, b);
}

// Collects failures, keeping a few examples.
class Failures {
 public:
  void Add(std::string what) {
    if (examples_.size() < kExamples) examples_.push_back(std::move(what));
    ++count_;
  }
  InvariantResult Result(std::string name, std::string compared) const {
    InvariantResult result;
    result.name = std::move(name);
    result.held = count_ == 0;
    result.detail = count_ == 0 ? std::move(compared)
                                : absl::StrCat(count_, " failures, e.g. ",
                                               absl::StrJoin(examples_, "; "));
    return result;
  }

 private:
  std::vector<std::string> examples_;
  size_t count_ = 0;
};

InvariantResult AcknowledgedCasesStored(const CycleEvidence& e) {
  Failures failures;
  for (const auto& [name, content] : e.acknowledged) {
    auto it = e.intake.cases.find(name);
    if (it == e.intake.cases.end()) {
      failures.Add(absl::StrCat(name, " acknowledged but missing"));
    } else if (!Same(ContentOf(it->second), content)) {
      failures.Add(
          absl::StrCat(name, " holds other content than acknowledged"));
    }
  }
  for (const auto& [name, c] : e.intake.cases) {
    if (e.acknowledged.count(name) == 0) {
      failures.Add(absl::StrCat(name, " stored but never acknowledged"));
    }
  }
  return failures.Result("acknowledged cases in the intake store",
                         absl::StrCat(e.acknowledged.size(), " cases"));
}

InvariantResult FindingsAtIntakeHead(const CycleEvidence& e) {
  Failures failures;
  if (e.findings.cursor != e.intake.head) {
    failures.Add(absl::StrCat("findings cursor ", e.findings.cursor,
                              ", intake head ", e.intake.head));
  }
  return failures.Result("findings cursor at intake's head",
                         absl::StrCat("head ", e.intake.head));
}

InvariantResult SampleInFindingsOnce(const CycleEvidence& e) {
  Failures failures;
  const std::set<std::string> sample(e.sample.begin(), e.sample.end());
  if (sample.size() != e.sample.size())
    failures.Add("the sample repeats a case");
  for (const std::string& name : sample) {
    auto held = e.findings.cases.find(name);
    auto at_intake = e.intake.cases.find(name);
    if (held == e.findings.cases.end()) {
      failures.Add(absl::StrCat(name, " sampled but not in findings"));
    } else if (at_intake == e.intake.cases.end()) {
      failures.Add(absl::StrCat(name, " in findings but not at intake"));
    } else if (!Same(held->second, at_intake->second)) {
      failures.Add(absl::StrCat(name, " in findings differs from intake's"));
    }
  }
  for (const auto& [name, c] : e.findings.cases) {
    if (sample.count(name) == 0) {
      failures.Add(absl::StrCat(name, " in findings but not sampled"));
    }
    if (c.name() != name) {
      failures.Add(absl::StrCat(name, " stored under another name"));
    }
  }
  return failures.Result(
      "sampled cases in findings once, as intake holds them",
      absl::StrCat(e.findings.cases.size(), " of ", sample.size(), " cases"));
}

InvariantResult ChangesAppliedOnce(const CycleEvidence& e) {
  if (!e.applied) {
    InvariantResult result;
    result.name = "changes applied exactly once";
    result.checked = false;
    result.detail = "the cursor moved after the status was read";
    return result;
  }
  const uint64_t logged =
      e.intake.ForFindings(e.start_cursor, e.findings.cursor);
  Failures failures;
  if (*e.applied != logged) {
    failures.Add(absl::StrCat("applied ", *e.applied, ", the log holds ",
                              logged, " for findings in (", e.start_cursor,
                              ", ", e.findings.cursor, "]"));
  }
  return failures.Result("changes applied exactly once",
                         absl::StrCat(logged, " changes"));
}

InvariantResult JudgementsHeld(const CycleEvidence& e) {
  Failures failures;
  for (const std::string& line : e.judgements_differing) failures.Add(line);
  return failures.Result("acknowledged judgements held", "");
}

}  // namespace

std::vector<InvariantResult> CheckInvariants(const CycleEvidence& evidence) {
  return {AcknowledgedCasesStored(evidence), FindingsAtIntakeHead(evidence),
          SampleInFindingsOnce(evidence), ChangesAppliedOnce(evidence),
          JudgementsHeld(evidence)};
}

}  // namespace yjinspect::crash
