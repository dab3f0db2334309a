#include "services/intake/inspection_validation.h"

#include <string>

#include "common/field_checks.h"
#include "common/resource_names.h"

namespace yjinspect::intake {

common::FieldViolations ValidateCreateInspectionRequest(
    const v1::CreateInspectionRequest& request) {
  common::FieldViolations v;
  if (!request.inspection_id().empty() &&
      !common::IsValidInspectionId(request.inspection_id())) {
    v.Add("inspection_id", std::string(common::kInspectionIdFormat));
  }
  common::CheckRequestId(v, "request_id", request.request_id());
  if (!request.has_inspection()) {
    v.Add("inspection", "is required");
    return v;
  }
  const v1::Inspection& inspection = request.inspection();
  if (inspection.yot().empty()) {
    v.Add("inspection.yot", "is required");
  } else if (!common::ParseYotName(inspection.yot())) {
    v.Add("inspection.yot", std::string(common::kYotNameFormat));
  }
  common::CheckText(v, "inspection.yot_display_name",
                    inspection.yot_display_name(), 100, false);
  if (inspection.framework_id().empty()) {
    v.Add("inspection.framework_id", "is required");
  } else if (!common::IsValidInspectionId(inspection.framework_id())) {
    v.Add("inspection.framework_id",
          "must be a framework id such as sqs-2014 or hmip-youth-2021");
  }
  // Optional: without it the newest version of the framework is taken.
  common::CheckToken(v, "inspection.framework_version",
                     inspection.framework_version(), 16, ".-", false);
  auto announced = common::CheckDate(v, "inspection.announcement_date",
                                     inspection.has_announcement_date()
                                         ? &inspection.announcement_date()
                                         : nullptr);
  auto starts = common::CheckDate(v, "inspection.fieldwork_start_date",
                                  inspection.has_fieldwork_start_date()
                                      ? &inspection.fieldwork_start_date()
                                      : nullptr);
  auto ends = common::CheckDate(v, "inspection.fieldwork_end_date",
                                inspection.has_fieldwork_end_date()
                                    ? &inspection.fieldwork_end_date()
                                    : nullptr);
  if (announced && starts && *starts < *announced) {
    v.Add("inspection.fieldwork_start_date",
          "must not be before inspection.announcement_date");
  }
  if (starts && ends && *ends < *starts) {
    v.Add("inspection.fieldwork_end_date",
          "must not be before inspection.fieldwork_start_date");
  }
  return v;
}

}  // namespace yjinspect::intake
