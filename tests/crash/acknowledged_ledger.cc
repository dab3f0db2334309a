#include "tests/crash/acknowledged_ledger.h"

namespace yjinspect::crash {

v1::Case ContentOf(const v1::Case& c) {
  v1::Case content = c;
  content.clear_create_time();
  content.clear_update_time();
  content.clear_etag();
  return content;
}

void AcknowledgedLedger::AcknowledgeCase(const v1::Case& c) {
  absl::MutexLock lock(&mu_);
  cases_[c.name()] = ContentOf(c);
}

void AcknowledgedLedger::AcknowledgeJudgements(const std::string& case_name,
                                               const Answers& answers) {
  absl::MutexLock lock(&mu_);
  judgements_[case_name] = answers;
}

bool AcknowledgedLedger::Find(const std::string& case_name,
                              v1::Case* content) const {
  absl::MutexLock lock(&mu_);
  auto it = cases_.find(case_name);
  if (it == cases_.end()) return false;
  *content = it->second;
  return true;
}

std::map<std::string, v1::Case> AcknowledgedLedger::Cases() const {
  absl::MutexLock lock(&mu_);
  return cases_;
}

std::map<std::string, Answers> AcknowledgedLedger::Judgements() const {
  absl::MutexLock lock(&mu_);
  return judgements_;
}

}  // namespace yjinspect::crash
