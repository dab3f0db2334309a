#pragma once

// Delivery of sampled cases from intake into the findings store, both
// services in this process with their own RocksDB (sync on), the findings
// service following intake's StreamSampledCases over loopback gRPC.
//
// The producer is DrawSample naming every case of a YOT: each draw writes
// its sample's cases to the feed in one durable commit. Live: the findings
// service follows while `clients` threads draw samples for `yots` inspections;
// the rate is sampled cases over the time from the first draw to the findings
// cursor reaching intake's head, and each draw's latency runs from its
// acknowledgement to the findings cursor passing intake's head as read just
// after it. Catch-up: the findings service stops, the same number of new
// inspections is drawn, and it restarts; the rate is those cases over the
// time from its restart to reaching the head. The producer alone: those
// new inspections' draws, timed while the findings service is stopped, so
// with no subscriber: the most cases a second that live delivery could
// have to deliver.

#include <cstdint>
#include <string>
#include <vector>

namespace yjinspect::bench {

struct StreamDeliveryResult {
  uint64_t live_cases = 0;
  double live_seconds = 0;
  std::vector<double> latencies_us;  // per draw, ack to applied
  uint64_t catchup_cases = 0;
  double catchup_seconds = 0;
  double producer_seconds = 0;  // drawing the catch-up round, no subscriber
  size_t case_bytes = 0;        // serialized size of one delivered case
};

StreamDeliveryResult StreamDelivery(const std::string& dir, int yots,
                                    int cases_per_yot, int clients);

}  // namespace yjinspect::bench
