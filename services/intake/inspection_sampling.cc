#include "services/intake/inspection_sampling.h"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/dates.h"
#include "common/error_details.h"
#include "common/error_reasons.h"
#include "common/field_checks.h"
#include "common/frameworks/sample_pools.h"
#include "common/inspection_refusals.h"
#include "common/resource_names.h"
#include "common/status_macros.h"
#include "google/protobuf/util/time_util.h"
#include "services/intake/case_record.h"
#include "services/intake/inspection_lifecycle.h"
#include "services/intake/inspection_records.h"
#include "services/intake/sampling/eligibility.h"
#include "services/intake/sampling/pool_draw.h"
#include "services/intake/second_marker_assignment.h"
#include "services/intake/stored_records.h"
#include "services/intake/victim_case_sampling.h"

namespace yjinspect::intake {
namespace {

constexpr int kMaxNamedCases = 500;

bool FindingsStarted(const v1::Inspection& inspection) {
  return inspection.state() >= v1::INSPECTION_STATE_FIELDWORK;
}

// Takes `inspection` out of the sampled_by list of every record of its
// current sample (one erased since is passed over).
absl::Status ReleaseSample(StoreTransaction& txn,
                           const v1::Inspection& inspection) {
  for (const std::string& name : inspection.sample().cases()) {
    if (common::ParseVictimCaseName(name)) {
      RETURN_IF_ERROR(
          ReleaseVictimCaseFromSample(txn, inspection.name(), name));
    } else if (auto case_name = common::ParseCaseName(name)) {
      RETURN_IF_ERROR(
          ReleaseFromSample<CaseRecord>(txn, inspection.name(), *case_name));
    }
  }
  return absl::OkStatus();
}

// Marks each sampled record and logs it for the findings service, so a
// consumer gets its content even if it passed the record's creation.
absl::Status TakeSample(StoreTransaction& txn, const v1::Inspection& inspection,
                        const v1::InspectionSample& sample) {
  for (const std::string& name : sample.cases()) {
    if (common::ParseVictimCaseName(name)) {
      RETURN_IF_ERROR(TakeVictimCaseIntoSample(txn, inspection.name(), name));
    } else {
      RETURN_IF_ERROR(TakeIntoSample<CaseRecord>(txn, inspection.name(),
                                                 *common::ParseCaseName(name)));
    }
  }
  return absl::OkStatus();
}

FrameCase ToFrameCase(const v1::Case& c) {
  return {c.name(), c.disposal().type(), c.disposal().setting(),
          c.has_pre_sentence_report_date()};
}

// The pool of children's cases that samples `c`'s disposal type (pools never
// share one), or -1.
int ChildrenPoolOf(const std::vector<PoolFrame>& pools, const v1::Case& c) {
  for (size_t i = 0; i < pools.size(); ++i) {
    const v1::SamplePool& pool = pools[i].pool;
    if (pool.records() != v1::POOL_RECORDS_CHILDREN_CASES) continue;
    const auto& types = pool.rules().eligible_disposals();
    if (std::find(types.begin(), types.end(), c.disposal().type()) !=
        types.end()) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

// Why `c` is not eligible for any pool, or nullopt when it is eligible for
// the pool ChildrenPoolOf gives.
std::optional<std::string> PoolIneligibility(
    const std::vector<PoolFrame>& pools, const v1::Case& c) {
  const int at = ChildrenPoolOf(pools, c);
  if (at < 0) {
    return absl::StrCat("disposal type ",
                        v1::DisposalType_Name(c.disposal().type()),
                        " is not sampled by this framework");
  }
  const PoolFrame& pool = pools[static_cast<size_t>(at)];
  return IneligibilityReason(c, pool.pool.rules(), pool.window);
}

// The (first) pool of victims' cases, or -1.
int VictimsPoolOf(const std::vector<PoolFrame>& pools) {
  for (size_t i = 0; i < pools.size(); ++i) {
    if (pools[i].pool.records() == v1::POOL_RECORDS_VICTIM_CASES) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

// A victim's case in the draw's frame: stratified by the disposal of the
// child's case it relates to (unspecified when that case is gone), so that
// the draw keeps the proportions of court and out-of-court work.
FrameCase ToFrameCase(const v1::VictimCase& victim,
                      const std::map<std::string, const v1::Case*>& cases) {
  FrameCase frame{victim.name(), v1::DISPOSAL_TYPE_UNSPECIFIED,
                  v1::SUPERVISION_SETTING_UNSPECIFIED, false};
  if (auto it = cases.find(victim.related_case()); it != cases.end()) {
    frame.disposal_type = it->second->disposal().type();
    frame.setting = it->second->disposal().setting();
  }
  return frame;
}

// FAILED_PRECONDITION: no pool has an eligible record.
absl::Status NothingEligible(const v1::Inspection& inspection,
                             const std::vector<PoolFrame>& pools,
                             size_t cases_stored) {
  std::string why;
  if (pools.size() == 1) {
    why = absl::StrCat(
        "none of a sampled disposal type that started between ",
        common::FormatDate(common::ToDate(pools[0].window.start_on_or_after)),
        " and ",
        common::FormatDate(common::ToDate(pools[0].window.start_on_or_before)),
        " and runs into fieldwork");
  } else {
    why = absl::StrCat("none eligible for any of the framework's ",
                       pools.size(), " pools");
  }
  return common::FailedPrecondition(
      common::kNoEligibleCases, {common::kCaseloadViolation, inspection.yot()},
      absl::StrCat("no case of ", inspection.yot(),
                   " is eligible for the sample: ", cases_stored,
                   " cases are stored, ", why),
      {{"inspection", inspection.name()},
       {"cases_stored", absl::StrCat(cases_stored)}});
}

// Takes the named cases, each into its pool, refusing any that is not
// eligible; `chosen[i]` gets pools[i]'s.
absl::Status NameCases(
    const v1::DrawSampleRequest& request, const v1::Inspection& inspection,
    const std::vector<PoolFrame>& pools,
    const std::map<std::string, const v1::Case*>& by_name,
    const std::map<std::string, const v1::VictimCase*>& victims_by_name,
    std::vector<std::vector<std::string>>& chosen) {
  const std::string yot = *common::ParseYotName(inspection.yot());
  const int victims_pool = VictimsPoolOf(pools);
  common::FieldViolations v;
  for (int i = 0; i < request.named_cases_size(); ++i) {
    const std::string& name = request.named_cases(i);
    const std::string field = absl::StrCat("named_cases[", i, "]");
    if (auto victim = common::ParseVictimCaseName(name)) {
      auto found = victims_by_name.find(name);
      if (victim->yot != yot) {
        v.Add(field,
              absl::StrCat("is not a victim's case of ", inspection.yot()));
      } else if (victims_pool < 0) {
        v.Add(field,
              "is a victim's case, and this framework samples no victims' "
              "cases");
      } else if (found == victims_by_name.end()) {
        v.Add(field, "does not exist");
      } else if (auto reason = VictimIneligibilityReason(
                     *found->second,
                     pools[static_cast<size_t>(victims_pool)].window)) {
        v.Add(field, absl::StrCat("is not eligible: ", *reason));
      } else {
        chosen[static_cast<size_t>(victims_pool)].push_back(name);
      }
      continue;
    }
    auto parsed = common::ParseCaseName(name);
    auto found = by_name.find(name);
    if (!parsed) {
      v.Add(field, std::string(common::kCaseNameFormat));
    } else if (parsed->yot != yot) {
      v.Add(field, absl::StrCat("is not a case of ", inspection.yot()));
    } else if (found == by_name.end()) {
      v.Add(field, "does not exist");
    } else if (auto reason = PoolIneligibility(pools, *found->second)) {
      v.Add(field, absl::StrCat("is not eligible: ", *reason));
    } else {
      chosen[static_cast<size_t>(ChildrenPoolOf(pools, *found->second))]
          .push_back(name);
    }
  }
  return v.ToStatus("named sample");
}

// Builds the sample of `request` for `inspection` from its YOT's caseload,
// pool by pool.
absl::StatusOr<v1::InspectionSample> BuildSample(
    StoreTransaction& txn, const v1::DrawSampleRequest& request,
    const v1::Inspection& inspection, const v1::Framework& framework) {
  std::vector<PoolFrame> pools;
  for (v1::SamplePool& pool : common::SamplePools(framework)) {
    const EligibilityWindow window = WindowFor(inspection, pool.rules());
    pools.push_back({std::move(pool), window, {}});
  }
  const std::string yot = *common::ParseYotName(inspection.yot());
  ASSIGN_OR_RETURN(auto caseload, txn.CasesOfYot(yot));
  std::map<std::string, const v1::Case*> by_name;
  size_t eligible = 0;
  for (const storage::v1::StoredCase& stored : caseload) {
    by_name[stored.case_().name()] = &stored.case_();
    if (!PoolIneligibility(pools, stored.case_())) {
      const int at = ChildrenPoolOf(pools, stored.case_());
      pools[static_cast<size_t>(at)].frame.push_back(
          ToFrameCase(stored.case_()));
      ++eligible;
    }
  }
  std::map<std::string, const v1::VictimCase*> victims_by_name;
  std::vector<v1::VictimCase> victims;
  const int victims_pool = VictimsPoolOf(pools);
  if (victims_pool >= 0) {
    ASSIGN_OR_RETURN(victims, VictimCaseFrame(txn, yot));
    PoolFrame& pool = pools[static_cast<size_t>(victims_pool)];
    for (const v1::VictimCase& victim : victims) {
      victims_by_name[victim.name()] = &victim;
      if (!VictimIneligibilityReason(victim, pool.window)) {
        pool.frame.push_back(ToFrameCase(victim, by_name));
        ++eligible;
      }
    }
  }
  v1::InspectionSample sample;
  if (request.named_cases().empty()) {
    if (eligible == 0)
      return NothingEligible(inspection, pools, caseload.size());
    sample = DrawPools(pools, request.seed());
  } else {
    std::vector<std::vector<std::string>> chosen(pools.size());
    RETURN_IF_ERROR(NameCases(request, inspection, pools, by_name,
                              victims_by_name, chosen));
    sample = NamePools(pools, chosen);
  }
  *sample.mutable_draw_time() =
      google::protobuf::util::TimeUtil::NanosecondsToTimestamp(
          absl::ToUnixNanos(txn.Now()));
  // Revisions count every sample ever drawn, across resets.
  const int32_t last_revision =
      inspection.has_sample() ? inspection.sample().revision()
      : inspection.sample_resets().empty()
          ? 0
          : inspection.sample_resets().rbegin()->revision();
  sample.set_revision(last_revision + 1);
  return sample;
}

}  // namespace

void InspectionSampling::DrawSample(v1::DrawSampleRequest request,
                                    const std::string& actor, Done done) {
  common::FieldViolations v = CheckInspectionName(request.name());
  if (request.named_cases_size() > kMaxNamedCases) {
    v.Add("named_cases", absl::StrCat("at most ", kMaxNamedCases, " cases"));
  }
  std::set<std::string> seen;
  for (int i = 0; i < request.named_cases_size(); ++i) {
    if (!seen.insert(request.named_cases(i)).second) {
      v.Add(absl::StrCat("named_cases[", i, "]"), "names a case twice");
    }
  }
  if (!request.named_cases().empty() && request.seed() != 0) {
    v.Add("seed", "must be 0 when named_cases are given");
  }
  // A draw without a seed gets a random one (never 0), recorded with the
  // sample so that it can be drawn again.
  if (request.named_cases().empty() && request.seed() == 0) {
    request.set_seed(static_cast<int64_t>(random_() | 1));
  }
  // Copied before the change takes the request.
  const std::string name = request.name();
  CommitRequestedStep(
      store_, v, "DrawSample request", name,
      [this, request = std::move(request), actor](
          StoreTransaction& txn, v1::Inspection& inspection) -> absl::Status {
        if (FindingsStarted(inspection)) {
          return common::InspectionPrecondition(
              common::kSampleFixed, common::kSampleViolation, inspection,
              absl::StrCat(DescribeState(inspection),
                           ": findings have started, so the sample cannot be "
                           "redrawn; call ResetSample with a reason first"));
        }
        // Drawing the sample is taking the caseload as received.
        if (inspection.state() == v1::INSPECTION_STATE_ANNOUNCED) {
          RETURN_IF_ERROR(MoveTo(inspection,
                                 v1::INSPECTION_STATE_CASELOAD_RECEIVED, actor,
                                 "caseload taken as received when the sample "
                                 "was drawn",
                                 txn.Now()));
        }
        const v1::Framework* framework = frameworks_.Find(
            inspection.framework_id(), inspection.framework_version());
        if (framework == nullptr) {
          return common::FrameworkUnknown(inspection);
        }
        ASSIGN_OR_RETURN(auto sample,
                         BuildSample(txn, request, inspection, *framework));
        RETURN_IF_ERROR(ReleaseSample(txn, inspection));
        RETURN_IF_ERROR(TakeSample(txn, inspection, sample));
        const std::string why =
            sample.method() == v1::SAMPLE_METHOD_NAMED
                ? absl::StrCat("sample revision ", sample.revision(),
                               " named by the caller")
                : absl::StrCat("sample revision ", sample.revision(),
                               " drawn with seed ", sample.seed());
        *inspection.mutable_sample() = std::move(sample);
        // Second markers were given records of the sample replaced.
        inspection.clear_second_markers();
        RETURN_IF_ERROR(MoveTo(inspection, v1::INSPECTION_STATE_SAMPLE_DRAWN,
                               actor, why, txn.Now()));
        StoreInspectionChange(txn, inspection);
        return absl::OkStatus();
      },
      std::move(done));
}

void InspectionSampling::ResetSample(const v1::ResetSampleRequest& request,
                                     const std::string& actor, Done done) {
  common::FieldViolations v = CheckInspectionName(request.name());
  common::CheckText(v, "reason", request.reason(), 500, true);
  if (!request.reason().empty() && request.reason().size() < 10) {
    v.Add("reason", "must say why, in at least 10 characters");
  }
  CommitRequestedStep(
      store_, v, "ResetSample request", request.name(),
      [reason = request.reason(), actor](
          StoreTransaction& txn, v1::Inspection& inspection) -> absl::Status {
        if (!inspection.has_sample()) {
          return common::InspectionPrecondition(
              common::kNoSample, common::kSampleViolation, inspection,
              absl::StrCat(DescribeState(inspection),
                           " and has no sample to reset"));
        }
        RETURN_IF_ERROR(ReleaseSample(txn, inspection));
        v1::SampleReset* reset = inspection.add_sample_resets();
        reset->set_revision(inspection.sample().revision());
        reset->set_reason(reason);
        *reset->mutable_reset_time() =
            google::protobuf::util::TimeUtil::NanosecondsToTimestamp(
                absl::ToUnixNanos(txn.Now()));
        inspection.clear_sample();
        inspection.clear_second_markers();
        RETURN_IF_ERROR(
            MoveTo(inspection, v1::INSPECTION_STATE_CASELOAD_RECEIVED, actor,
                   absl::StrCat("sample reset: ", reason), txn.Now()));
        StoreInspectionChange(txn, inspection);
        return absl::OkStatus();
      },
      std::move(done));
}

void InspectionSampling::AssignSecondMarkers(
    v1::AssignSecondMarkersRequest request, const std::string& actor,
    Done done) {
  common::FieldViolations v = CheckInspectionName(request.name());
  // A staff reference as the findings service takes it
  // (RecordSecondMarkingRequest.inspector_reference).
  common::CheckToken(v, "second_marker_reference",
                     request.second_marker_reference(), 32, "-", true);
  const bool named = !request.cases().empty();
  if (named == (request.share_percent() != 0)) {
    v.Add(named ? "share_percent" : "cases",
          "give either cases or share_percent, not both or neither");
  }
  if (request.share_percent() < 0 || request.share_percent() > 100) {
    v.Add("share_percent", "must be 1 to 100");
  }
  if (named && request.seed() != 0) {
    v.Add("seed", "must be 0 when cases are named");
  }
  if (request.cases_size() > kMaxNamedCases) {
    v.Add("cases", absl::StrCat("at most ", kMaxNamedCases, " records"));
  }
  std::set<std::string> seen;
  for (int i = 0; i < request.cases_size(); ++i) {
    if (!seen.insert(request.cases(i)).second) {
      v.Add(absl::StrCat("cases[", i, "]"), "names a record twice");
    }
  }
  // A share without a seed gets a random one (never 0), recorded with each
  // assignment so that the share can be drawn again.
  if (!named && request.seed() == 0) {
    request.set_seed(static_cast<int64_t>(random_() | 1));
  }
  const std::string name = request.name();
  CommitRequestedStep(
      store_, v, "AssignSecondMarkers request", name,
      [request = std::move(request), actor](
          StoreTransaction& txn, v1::Inspection& inspection) -> absl::Status {
        if (inspection.state() != v1::INSPECTION_STATE_SAMPLE_DRAWN &&
            inspection.state() != v1::INSPECTION_STATE_FIELDWORK) {
          return common::WrongState(
              inspection,
              absl::StrCat(DescribeState(inspection),
                           ": second markers are assigned once a sample is "
                           "drawn and until the verdicts are agreed"));
        }
        std::vector<std::string> chosen;
        if (request.cases().empty()) {
          chosen = DrawSecondMarked(inspection, request.share_percent(),
                                    request.seed());
        } else {
          const std::set<std::string> sampled(
              inspection.sample().cases().begin(),
              inspection.sample().cases().end());
          common::FieldViolations outside;
          for (int i = 0; i < request.cases_size(); ++i) {
            if (sampled.count(request.cases(i)) == 0) {
              outside.Add(absl::StrCat("cases[", i, "]"),
                          absl::StrCat(request.cases(i),
                                       " is not in the current sample "
                                       "(revision ",
                                       inspection.sample().revision(), ")"));
            }
          }
          if (!outside.empty()) {
            return outside.ToStatus("AssignSecondMarkers request");
          }
          for (const v1::SecondMarkerAssignment& a :
               inspection.second_markers()) {
            for (const std::string& c : request.cases()) {
              if (a.case_() != c) continue;
              return common::AlreadyExists(
                  common::kSecondMarkerAssigned,
                  absl::StrCat(c, " already has a second marker (",
                               a.second_marker_reference(),
                               "); nothing was assigned"),
                  {{"case", c}});
            }
          }
          chosen.assign(request.cases().begin(), request.cases().end());
        }
        if (chosen.empty()) {
          return common::InspectionPrecondition(
              common::kSecondMarkerAssigned, common::kModerationViolation,
              inspection,
              "every record of the sample already has a second marker");
        }
        const auto now =
            google::protobuf::util::TimeUtil::NanosecondsToTimestamp(
                absl::ToUnixNanos(txn.Now()));
        for (const std::string& c : chosen) {
          v1::SecondMarkerAssignment* a = inspection.add_second_markers();
          a->set_case_(c);
          a->set_second_marker_reference(request.second_marker_reference());
          if (request.cases().empty()) {
            a->set_method(v1::SAMPLE_METHOD_DRAWN);
            a->set_seed(request.seed());
            a->set_share_percent(request.share_percent());
          } else {
            a->set_method(v1::SAMPLE_METHOD_NAMED);
          }
          a->set_assigned_by(actor);
          *a->mutable_assign_time() = now;
        }
        StoreInspectionChange(txn, inspection);
        return absl::OkStatus();
      },
      std::move(done));
}

}  // namespace yjinspect::intake
