#pragma once

// Commands take an inspection as `inspections/{id}` or just `{id}`.

#include <string>

namespace yjinspect::cli {

// "inspections/{id}" from either form.
inline std::string InspectionName(const std::string& name_or_id) {
  return name_or_id.rfind("inspections/", 0) == 0 ? name_or_id
                                                  : "inspections/" + name_or_id;
}

}  // namespace yjinspect::cli
