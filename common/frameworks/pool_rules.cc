#include "common/frameworks/pool_rules.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "yjinspect/v1/case.pb.h"

namespace yjinspect::common::frameworks_internal {
namespace {

// 1 to 40 characters: lower-case letters, digits and '-', the first a letter.
bool IsPoolId(absl::string_view id) {
  if (id.empty() || id.size() > 40 || !(id[0] >= 'a' && id[0] <= 'z')) {
    return false;
  }
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
      return false;
    }
  }
  return true;
}

}  // namespace

void PoolRules::CheckPools(NumericRules& numbers) {
  if (f_.pools_size() == 0) {
    if (!f_.has_sampling()) {
      problems_.Add(root_.self(), "sampling or pools is required");
      return;
    }
    numbers.CheckSamplingRules(f_.sampling(), root_.Child("sampling", -1),
                               "sampling", v1::POOL_RECORDS_CHILDREN_CASES);
    return;
  }
  if (f_.has_sampling()) {
    problems_.Add(root_.At("sampling"),
                  "a framework with pools has no sampling block: each pool "
                  "has its own rules");
  }
  // Disposal type -> the pool of children's cases that samples it.
  std::map<int, std::string> disposal_pool;
  // The pool of victims' cases: a victim's case has no disposal type to
  // choose between two, so there is one at most.
  std::string victims_pool;
  for (int i = 0; i < f_.pools_size(); ++i) {
    const v1::SamplePool& pool = f_.pools(i);
    const Node node = root_.Child("pools", i);
    const std::string what = absl::StrCat("pool ", Quote(pool.id()));
    bool ok = true;
    if (!IsPoolId(pool.id())) {
      ok = false;
      problems_.Add(node.At("id"),
                    absl::StrCat(what,
                                 ": id must be 1 to 40 lower-case letters, "
                                 "digits or '-', starting with a letter"));
    } else if (records_.count(pool.id()) > 0) {
      ok = false;
      problems_.Add(node.At("id"), absl::StrCat(what, " is defined twice"));
    }
    if (pool.title().empty()) {
      problems_.Add(node.self(), absl::StrCat(what, ": title is required"));
    }
    if (pool.records() == v1::POOL_RECORDS_UNSPECIFIED ||
        !v1::PoolRecords_IsValid(pool.records())) {
      ok = false;
      problems_.Add(node.At("records"),
                    absl::StrCat(what,
                                 ": records is required (children's or "
                                 "victims' cases)"));
    }
    if (pool.source().empty()) {
      problems_.Add(node.self(),
                    absl::StrCat(what,
                                 ": source is required (where its rules come "
                                 "from, or why they are reconstructed)"));
    }
    if (!pool.has_rules()) {
      problems_.Add(node.self(), absl::StrCat(what, ": rules is required"));
    } else {
      numbers.CheckSamplingRules(pool.rules(), node.Child("rules", -1),
                                 absl::StrCat(what, " rules"), pool.records());
    }
    if (pool.records() == v1::POOL_RECORDS_CHILDREN_CASES) {
      const auto& disposals = pool.rules().eligible_disposals();
      for (int k = 0; k < disposals.size(); ++k) {
        const auto [it, fresh] = disposal_pool.emplace(disposals[k], pool.id());
        if (!fresh && it->second != pool.id()) {
          problems_.Add(
              node.Child("rules", -1).At("eligible_disposals", k),
              absl::StrCat(what, " samples ",
                           v1::DisposalType_Name(disposals[k]), ", which pool ",
                           Quote(it->second),
                           " samples too: a case belongs to one pool"));
        }
      }
    }
    if (pool.records() == v1::POOL_RECORDS_VICTIM_CASES) {
      if (!victims_pool.empty()) {
        problems_.Add(
            node.At("records"),
            absl::StrCat(what,
                         " is a second pool of victims' "
                         "cases, beside pool ",
                         Quote(victims_pool), ": a framework has one at most"));
      } else {
        victims_pool = pool.id();
      }
    }
    if (ok) records_.emplace(pool.id(), pool.records());
  }
}

void PoolRules::CheckSectionPools(const v1::Section& section, const Node& node,
                                  absl::string_view what) {
  const bool from_cases = section.evidence() == v1::EVIDENCE_SOURCE_CASES;
  if (f_.pools_size() == 0) {
    if (section.pools_size() > 0) {
      problems_.Add(node.At("pools", 0),
                    absl::StrCat(what,
                                 ": names pools, but the framework declares "
                                 "none"));
    }
    return;
  }
  if (from_cases && section.pools_size() == 0) {
    problems_.Add(node.self(),
                  absl::StrCat(what,
                               ": a section judged from cases names the "
                               "pools whose cases it judges"));
  }
  if (from_cases && section.scope() != v1::CASE_SCOPE_UNSPECIFIED) {
    problems_.Add(node.At("scope"),
                  absl::StrCat(what,
                               ": a framework with pools chooses a section's "
                               "cases by its pools, not by scope"));
  }
  if (section.evidence() == v1::EVIDENCE_SOURCE_STAFF_INTERVIEWS &&
      section.pools_size() > 0) {
    problems_.Add(node.At("pools", 0),
                  absl::StrCat(what,
                               ": a section judged from staff interviews "
                               "names no pools"));
  }
  std::set<std::string> named;
  std::set<v1::PoolRecords> kinds;
  for (int k = 0; k < section.pools_size(); ++k) {
    const std::string& id = section.pools(k);
    const auto pool = records_.find(id);
    if (!named.insert(id).second) {
      problems_.Add(node.At("pools", k),
                    absl::StrCat(what, " names pool ", Quote(id), " twice"));
    } else if (pool == records_.end()) {
      problems_.Add(node.At("pools", k),
                    absl::StrCat(what, ": pool ", Quote(id),
                                 " is not one of the framework's pools"));
    } else {
      kinds.insert(pool->second);
    }
  }
  if (from_cases && kinds.size() > 1) {
    problems_.Add(node.At("pools", 0),
                  absl::StrCat(what,
                               " judges children's and victims' cases "
                               "together: a section's criteria are asked of "
                               "one kind of case"));
  }
}

}  // namespace yjinspect::common::frameworks_internal
