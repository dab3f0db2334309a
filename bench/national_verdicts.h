#pragma once

// The verdicts of a national programme computed at once: `yots`
// inspections of `cases` judged cases each, every case answering
// `criteria` case criteria, through the findings service's verdict engine.

#include <vector>

namespace yjinspect::bench {

struct NationalVerdictsResult {
  int criteria = 0;             // case criteria answered per case
  std::vector<double> runs_ms;  // one whole national run each, wall time
  std::vector<double> cpu_ms;   // the same runs, CPU time of the thread
};

NationalVerdictsResult NationalVerdicts(int yots, int cases, int criteria,
                                        int runs);

}  // namespace yjinspect::bench
