#include "tests/crash/acknowledged_ledger.h"

#include <utility>

#include "common/resource_names.h"
#include "services/intake/privacy/reference_pseudonyms.h"

namespace yjinspect::crash {

v1::Case ContentOf(const v1::Case& c) {
  v1::Case content = c;
  content.clear_create_time();
  content.clear_update_time();
  content.clear_etag();
  return content;
}

// What intake stores for the child's reference: the servers run with the
// development pseudonym key (service_pair.cc), and a reference that already
// is a pseudonym (a case as a call returned it) stays as it is.
void AsStored(v1::Case& c) {
  static const intake::ReferencePseudonyms pseudonyms =
      intake::ReferencePseudonyms::InsecureDevelopmentKey();
  auto name = common::ParseCaseName(c.name());
  if (!name) return;
  c.mutable_child()->set_reference(
      pseudonyms.OfChild(name->yot, c.child().reference()));
}

void AcknowledgedLedger::AcknowledgeCase(const v1::Case& c) {
  absl::MutexLock lock(&mu_);
  v1::Case content = ContentOf(c);
  AsStored(content);
  cases_[c.name()] = std::move(content);
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
