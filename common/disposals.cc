#include "common/disposals.h"

namespace yjinspect::common {

bool IsOutOfCourtDisposal(v1::DisposalType type) {
  switch (type) {
    case v1::DISPOSAL_TYPE_COMMUNITY_RESOLUTION:
    case v1::DISPOSAL_TYPE_YOUTH_CAUTION:
    case v1::DISPOSAL_TYPE_YOUTH_CONDITIONAL_CAUTION:
      return true;
    default:
      return false;
  }
}

}  // namespace yjinspect::common
