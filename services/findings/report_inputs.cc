#include "services/findings/report_inputs.h"

#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/dates.h"
#include "common/error_details.h"
#include "common/field_checks.h"
#include "common/fingerprint.h"
#include "common/inspection_refusals.h"
#include "common/resource_names.h"
#include "common/status_macros.h"

namespace yjinspect::findings {
namespace {

constexpr size_t kMaxNarrativeChars = 5000;

void CheckRate(common::FieldViolations& v, const std::string& field,
               int32_t tenths, bool required) {
  if ((required && tenths <= 0) || tenths < 0 || tenths > 1000) {
    v.Add(field,
          "must be a rate in tenths of a percent, 1 to 1000 (36.0% is "
          "360)");
  }
}

bool HasCriterion(const v1::Framework& framework, const std::string& id) {
  for (const v1::Section& section : framework.sections()) {
    for (const v1::Criterion& criterion : section.criteria()) {
      if (criterion.id() == id) return true;
    }
  }
  return false;
}

common::FieldViolations Validate(const v1::SetReportInputsRequest& request,
                                 const v1::Framework* framework) {
  common::FieldViolations v;
  if (!request.has_inputs()) {
    v.Add("inputs", "is required");
    return v;
  }
  const v1::ReportInputs& in = request.inputs();
  common::CheckText(v, "inputs.addressee", in.addressee(), 300, true);
  common::CheckText(v, "inputs.sender", in.sender(), 200, true);
  common::CheckDate(
      v, "inputs.publication_date",
      in.has_publication_date() ? &in.publication_date() : nullptr);
  common::CheckText(v, "inputs.lead_inspector", in.lead_inspector(), 100, true);
  common::CheckText(v, "inputs.lead_inspector_contact",
                    in.lead_inspector_contact(), 200, false);
  common::CheckText(v, "inputs.summary", in.summary(), kMaxNarrativeChars,
                    false);
  for (const auto& [section, text] : in.section_narratives()) {
    const std::string field =
        absl::StrCat("inputs.section_narratives[", section, "]");
    bool known = false;
    if (framework != nullptr) {
      for (const auto& s : framework->sections()) known |= s.id() == section;
    }
    if (!known) {
      v.Add(field, "names no section of the inspection's framework");
    }
    common::CheckText(v, field, text, kMaxNarrativeChars, false);
  }
  if (in.has_reoffending()) {
    const auto& r = in.reoffending();
    CheckRate(v, "inputs.reoffending.yot_rate_tenths", r.yot_rate_tenths(),
              true);
    CheckRate(v, "inputs.reoffending.previous_year_rate_tenths",
              r.previous_year_rate_tenths(), false);
    CheckRate(v, "inputs.reoffending.national_rate_tenths",
              r.national_rate_tenths(), true);
    common::CheckText(v, "inputs.reoffending.cohort", r.cohort(), 100, true);
    common::CheckText(v, "inputs.reoffending.measure", r.measure(), 200, false);
    common::CheckText(v, "inputs.reoffending.source", r.source(), 200, true);
    common::CheckText(v, "inputs.reoffending.published", r.published(), 50,
                      true);
  }
  if (in.has_looked_after()) {
    const auto& l = in.looked_after();
    CheckRate(v, "inputs.looked_after.local_rate_tenths", l.local_rate_tenths(),
              true);
    CheckRate(v, "inputs.looked_after.national_rate_tenths",
              l.national_rate_tenths(), true);
    common::CheckText(v, "inputs.looked_after.national_label",
                      l.national_label(), 50, false);
    common::CheckText(v, "inputs.looked_after.source", l.source(), 200, true);
    common::CheckText(v, "inputs.looked_after.published", l.published(), 50,
                      true);
  }
  common::CheckText(v, "inputs.area", in.area(), 100,
                    in.has_reoffending() || in.has_looked_after());
  if (in.has_counted_criteria()) {
    std::set<std::string> seen;
    const auto& ids = in.counted_criteria().criterion_ids();
    for (int i = 0; i < ids.size(); ++i) {
      const std::string field =
          absl::StrCat("inputs.counted_criteria.criterion_ids[", i, "]");
      if (!seen.insert(ids[i]).second) {
        v.Add(field, absl::StrCat("\"", ids[i], "\" is named twice"));
      } else if (framework != nullptr && !HasCriterion(*framework, ids[i])) {
        v.Add(field, absl::StrCat("\"", ids[i],
                                  "\" is no criterion of the inspection's "
                                  "framework"));
      }
    }
    std::set<std::string> lead_only;
    const auto& lead_ids = in.counted_criteria().lead_only_criterion_ids();
    for (int i = 0; i < lead_ids.size(); ++i) {
      const std::string field = absl::StrCat(
          "inputs.counted_criteria.lead_only_criterion_ids[", i, "]");
      if (!lead_only.insert(lead_ids[i]).second) {
        v.Add(field, absl::StrCat("\"", lead_ids[i], "\" is named twice"));
      } else if (seen.count(lead_ids[i]) == 0) {
        v.Add(field,
              absl::StrCat("\"", lead_ids[i],
                           "\" is not in criterion_ids: a finding the "
                           "letter does not count has no lead to state"));
      }
    }
  }
  if (in.copy_to_size() > 50) v.Add("inputs.copy_to", "at most 50 recipients");
  for (int i = 0; i < in.copy_to_size(); ++i) {
    const std::string at = absl::StrCat("inputs.copy_to[", i, "].");
    common::CheckText(v, at + "role", in.copy_to(i).role(), 200, true);
    common::CheckText(v, at + "name", in.copy_to(i).name(), 200, true);
  }
  return v;
}

}  // namespace

absl::StatusOr<v1::ReportInputs> ReportInputsDesk::Set(
    const v1::SetReportInputsRequest& request) {
  ASSIGN_OR_RETURN(
      const std::string inspection_id,
      common::RequireInspectionName("inspection", request.inspection(),
                                    "SetReportInputs request"));
  ASSIGN_OR_RETURN(
      const v1::Inspection inspection,
      KnownInspection(store_, inspection_id, request.inspection()));
  const v1::Framework* framework = frameworks_.Find(
      inspection.framework_id(), inspection.framework_version());
  RETURN_IF_ERROR(Validate(request, framework).ToStatus("report inputs"));
  v1::ReportInputs next = request.inputs();
  next.DiscardUnknownFields();
  next.set_name(absl::StrCat(request.inspection(), "/reportInputs"));
  next.clear_etag();
  next.set_etag(common::FingerprintMessage(next));
  return store_.UpdateReportInputs(
      inspection_id,
      [&](const std::optional<v1::ReportInputs>& current)
          -> absl::StatusOr<v1::ReportInputs> {
        if (current && current->etag() == next.etag()) return *current;
        if (inspection.state() == v1::INSPECTION_STATE_REPORT_PUBLISHED) {
          return common::WrongState(
              inspection,
              absl::StrCat("inspection ", request.inspection(),
                           " is REPORT_PUBLISHED: the published report's "
                           "inputs can no longer change"));
        }
        if (current && current->etag() != request.etag()) {
          return common::EtagMismatch(
              next.name(),
              absl::StrCat("the report inputs of ", request.inspection(),
                           " changed since they were read (or no etag was "
                           "sent); read them again and send their etag"));
        }
        if (!current && !request.etag().empty()) {
          return common::EtagMismatch(
              next.name(),
              "no report inputs are set yet; send no etag the first time");
        }
        return next;
      });
}

absl::StatusOr<v1::ReportInputs> ReportInputsDesk::Get(
    const v1::GetReportInputsRequest& request) const {
  ASSIGN_OR_RETURN(
      const std::string inspection_id,
      common::RequireInspectionName("inspection", request.inspection(),
                                    "GetReportInputs request"));
  ASSIGN_OR_RETURN(auto inputs, store_.GetReportInputs(inspection_id));
  if (!inputs) {
    return absl::NotFoundError(
        absl::StrCat("no report inputs are set for ", request.inspection()));
  }
  return std::move(*inputs);
}

}  // namespace yjinspect::findings
