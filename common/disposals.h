#pragma once

// What kind of work a disposal is: the inspectorate samples and judges
// out-of-court disposals apart from court disposals. Pure functions, inline.

#include "yjinspect/v1/case.pb.h"

namespace yjinspect::common {

enum class DisposalKind {
  // DISPOSAL_TYPE_UNSPECIFIED, or a value this build does not know.
  kUnknown,
  // Community resolutions, youth cautions and youth conditional cautions:
  // work delivered without a court, usually completed within weeks, so that
  // an inspection meets most of them after they ended.
  kOutOfCourt,
  // Referral orders, youth rehabilitation orders and custodial sentences
  // (detention and training orders, longer sentences).
  kCourt,
};

// Inline: the verdict engine asks it of every case record, per section.
inline DisposalKind KindOfDisposal(v1::DisposalType type) {
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

inline bool IsOutOfCourtDisposal(v1::DisposalType type) {
  return KindOfDisposal(type) == DisposalKind::kOutOfCourt;
}

inline bool IsCourtDisposal(v1::DisposalType type) {
  return KindOfDisposal(type) == DisposalKind::kCourt;
}

}  // namespace yjinspect::common
