#include "services/findings/findings_merge.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/error_details.h"
#include "common/fingerprint.h"
#include "google/protobuf/util/message_differencer.h"
#include "google/protobuf/util/time_util.h"

namespace yjinspect::findings {
namespace {

using google::protobuf::util::MessageDifferencer;

bool SameJudgement(const v1::Judgement& a, const v1::Judgement& b) {
  return MessageDifferencer::Equals(a, b);
}

}  // namespace

std::map<std::string, int> CriterionOrder(const v1::Framework& framework) {
  std::map<std::string, int> order;
  for (const auto& section : framework.sections()) {
    for (const auto& criterion : section.criteria()) {
      order.emplace(criterion.id(), static_cast<int>(order.size()));
    }
  }
  return order;
}

bool AlreadyRecorded(
    const v1::CaseFindings& findings,
    const google::protobuf::RepeatedPtrField<v1::Judgement>& judgements) {
  for (const auto& j : judgements) {
    bool found = false;
    for (const auto& have : findings.judgements()) {
      found |= SameJudgement(have, j);
    }
    if (!found) return false;
  }
  return true;
}

absl::StatusOr<std::optional<FindingsUpdate>> DecideUpdate(
    const std::optional<v1::CaseFindings>& current, const Recording& r,
    const std::map<std::string, int>& order, absl::Time now) {
  std::map<std::string, v1::Judgement> answers;
  if (current) {
    for (const auto& j : current->judgements()) answers[j.criterion_id()] = j;
  }
  bool changed = !current.has_value();
  for (const auto& j : r.judgements) {
    auto it = answers.find(j.criterion_id());
    changed |= it == answers.end() || !SameJudgement(it->second, j);
  }
  if (!changed) return std::optional<FindingsUpdate>();  // idempotent
  if (current && r.etag != current->etag()) {
    return common::EtagMismatch(
        r.name, absl::StrCat(
                    "the findings of ", r.what, " are at revision ",
                    current->revision(), " (recorded by ",
                    current->inspector_reference(), ")",
                    r.etag.empty() ? " and this request has no etag"
                                   : " and this request's etag is stale",
                    "; read them again, then send their etag with the change"));
  }
  if (!current && !r.etag.empty()) {
    return common::EtagMismatch(
        r.name,
        absl::StrCat(
            "no findings are recorded for ", r.what,
            " (they may have been erased); send no etag to record anew"));
  }
  for (const auto& j : r.judgements) answers[j.criterion_id()] = j;
  std::vector<v1::Judgement> sorted;
  for (auto& [id, j] : answers) sorted.push_back(std::move(j));
  auto position = [&order](const v1::Judgement& j) {
    auto it = order.find(j.criterion_id());
    return it == order.end() ? INT32_MAX : it->second;
  };
  std::sort(sorted.begin(), sorted.end(),
            [&](const v1::Judgement& a, const v1::Judgement& b) {
              return position(a) < position(b);
            });
  FindingsUpdate update;
  v1::CaseFindings& f = update.findings;
  f.set_name(r.name);
  f.set_case_(r.case_name);
  for (auto& j : sorted) *f.add_judgements() = std::move(j);
  f.set_inspector_reference(r.inspector_reference);
  f.set_revision(current ? current->revision() + 1 : 1);
  *f.mutable_update_time() =
      google::protobuf::util::TimeUtil::NanosecondsToTimestamp(
          absl::ToUnixNanos(now));
  f.set_sample_revision(r.sample_revision);
  f.set_etag(common::FingerprintMessage(f));
  v1::JudgementRevision& revision = update.revision;
  revision.set_revision(f.revision());
  revision.set_inspector_reference(r.inspector_reference);
  *revision.mutable_record_time() = f.update_time();
  *revision.mutable_judgements() = r.judgements;
  return std::optional<FindingsUpdate>(std::move(update));
}

}  // namespace yjinspect::findings
