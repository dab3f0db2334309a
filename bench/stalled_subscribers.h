#pragma once

// What subscribers of StreamSampledCases that stop reading cost the
// writers: `intake_server` as a real process (its memory is its own), a
// closed loop of CreateCase writers measured first with no subscriber,
// then with `subscribers` streams, each on its own connection, that were
// opened and are never read. Once they are open a sample of 500 cases is
// drawn: more than gRPC's flow-control window holds, so each is left with
// a write in flight, stalled. The writers' cases are not sampled, so every
// commit moves the head past changes the streams do not carry: the case
// where each commit used to wake each parked stream for a checkpoint.

#include <string>

#include "absl/time/time.h"
#include "bench/load_clients.h"

namespace yjinspect::bench {

struct StalledSubscribersOptions {
  std::string intake_binary;
  std::string dir;
  int subscribers = 300;
  int writers = 4;
  absl::Duration warmup = absl::Seconds(1);
  absl::Duration measured = absl::Seconds(6);
};

struct StalledSubscribersResult {
  LoadResult without;       // the writers with no subscriber
  LoadResult with;          // the same with the stalled subscribers open
  long rss_without_kb = 0;  // intake's resident memory after each phase
  long rss_filled_kb = 0;   // once the subscribers' windows are full
  long rss_with_kb = 0;
  long peak_kb = 0;  // intake's peak (VmHWM) over the whole run
};

StalledSubscribersResult StalledSubscribers(
    const StalledSubscribersOptions& options);

}  // namespace yjinspect::bench
