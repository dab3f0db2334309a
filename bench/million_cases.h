#pragma once

// Both services as real processes (the release binaries) holding a million
// cases: intake loads them with BatchCreateCases; every case is then drawn
// into a named sample (up to 500 cases per inspection, one inspection per
// YOT), so the findings service, started afterwards, receives every one of
// them through the stream. Reports each process's peak and current
// resident memory, and the time from exec to answering SERVING plus one
// successful read after a restart.

#include <cstdint>
#include <string>

namespace yjinspect::bench {

struct MillionCasesOptions {
  std::string intake_binary;
  std::string findings_binary;
  std::string dir;
  int cases = 1000000;
  int cases_per_yot = 500;
  int loaders = 4;
};

struct MillionCasesResult {
  int cases = 0;
  int yots = 0;
  double load_seconds = 0;        // BatchCreateCases of every case
  double draw_seconds = 0;        // inspections created and samples drawn
  double delivery_seconds = 0;    // findings start to cursor at intake head
  uint64_t delivered = 0;         // changes findings applied
  long intake_loaded_rss_kb = 0;  // after the load, before the draws
  long intake_peak_kb = 0, intake_rss_kb = 0;
  long findings_peak_kb = 0, findings_rss_kb = 0;
  double intake_restart_seconds = 0, findings_restart_seconds = 0;
  long intake_restart_rss_kb = 0, findings_restart_rss_kb = 0;
};

MillionCasesResult MillionCases(const MillionCasesOptions& options);

}  // namespace yjinspect::bench
