#pragma once

// What kind of work a disposal is: the inspectorate samples and judges
// out-of-court disposals apart from court disposals. Pure functions.

#include "yjinspect/v1/case.pb.h"

namespace yjinspect::common {

// Community resolutions, youth cautions and youth conditional cautions: work
// delivered without a court, usually completed within weeks, so that an
// inspection meets most of them after they ended.
bool IsOutOfCourtDisposal(v1::DisposalType type);

}  // namespace yjinspect::common
