#include "common/disposals.h"

namespace yjinspect::common {

DisposalKind KindOfDisposal(v1::DisposalType type) {
  switch (type) {
    case v1::DISPOSAL_TYPE_COMMUNITY_RESOLUTION:
    case v1::DISPOSAL_TYPE_YOUTH_CAUTION:
    case v1::DISPOSAL_TYPE_YOUTH_CONDITIONAL_CAUTION:
      return DisposalKind::kOutOfCourt;
    case v1::DISPOSAL_TYPE_REFERRAL_ORDER:
    case v1::DISPOSAL_TYPE_YOUTH_REHABILITATION_ORDER:
    case v1::DISPOSAL_TYPE_DETENTION_AND_TRAINING_ORDER:
    case v1::DISPOSAL_TYPE_LONGER_CUSTODIAL_SENTENCE:
      return DisposalKind::kCourt;
    default:
      return DisposalKind::kUnknown;
  }
}

}  // namespace yjinspect::common
