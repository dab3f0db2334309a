#include "services/intake/second_marker_assignment.h"

#include <algorithm>
#include <set>

#include "services/intake/sampling/sample_draw.h"

namespace yjinspect::intake {

int SecondMarkedCount(int sample_size, int share_percent) {
  if (sample_size <= 0 || share_percent <= 0) return 0;
  // Integer ceiling: no rounding of a product in floating point.
  const int64_t asked =
      (static_cast<int64_t>(sample_size) * share_percent + 99) / 100;
  return static_cast<int>(std::min<int64_t>(asked, sample_size));
}

std::vector<std::string> DrawSecondMarked(const v1::Inspection& inspection,
                                          int share_percent, int64_t seed) {
  std::set<std::string> assigned;
  for (const v1::SecondMarkerAssignment& a : inspection.second_markers()) {
    assigned.insert(a.case_());
  }
  std::vector<std::string> open;
  for (const std::string& name : inspection.sample().cases()) {
    if (assigned.count(name) == 0) open.push_back(name);
  }
  // Sorted by name first, so the draw does not depend on the sample's order.
  std::sort(open.begin(), open.end());
  std::stable_sort(open.begin(), open.end(),
                   [seed](const std::string& a, const std::string& b) {
                     return DrawOrder(seed, a) < DrawOrder(seed, b);
                   });
  const int wanted =
      SecondMarkedCount(inspection.sample().cases_size(), share_percent);
  if (static_cast<int>(open.size()) > wanted) open.resize(wanted);
  return open;
}

}  // namespace yjinspect::intake
