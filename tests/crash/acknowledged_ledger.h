#pragma once

// What the services acknowledged to the crash driver's clients: the content
// of every case a call returned OK for (the latest acknowledged update
// replacing the creation), and the answers of every judgement recording that
// returned OK. Each case is written by one client only, one call at a time,
// so the ledger's entry is what the stores must hold once calls are quiet.
// Thread-safe.

#include <map>
#include <string>

#include "absl/synchronization/mutex.h"
#include "yjinspect/v1/case.pb.h"

namespace yjinspect::crash {

// Criterion id -> answer id.
using Answers = std::map<std::string, std::string>;

// `c` without what intake fills in itself (times and etag): what "the
// acknowledged content" compares. Keeps the name.
v1::Case ContentOf(const v1::Case& c);

class AcknowledgedLedger {
 public:
  void AcknowledgeCase(const v1::Case& c);
  void AcknowledgeJudgements(const std::string& case_name,
                             const Answers& answers);

  // The acknowledged content of one case; false when none.
  bool Find(const std::string& case_name, v1::Case* content) const;
  std::map<std::string, v1::Case> Cases() const;
  std::map<std::string, Answers> Judgements() const;

 private:
  mutable absl::Mutex mu_;
  std::map<std::string, v1::Case> cases_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, Answers> judgements_ ABSL_GUARDED_BY(mu_);
};

}  // namespace yjinspect::crash
