#pragma once

// The invariants the crash driver checks after every cycle, from the two
// stores as the kills left them (read while both services are stopped) and
// from what the clients were told.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tests/crash/acknowledged_ledger.h"
#include "tests/crash/store_snapshot.h"

namespace yjinspect::crash {

struct CycleEvidence {
  IntakeSnapshot intake;
  FindingsSnapshot findings;
  std::map<std::string, v1::Case> acknowledged;
  std::vector<std::string> sample;
  // Cases whose judgements at findings differ from the acknowledged ones.
  std::vector<std::string> judgements_differing;
  // What the findings process stopped for the check applied since it
  // started, with the cursor its store had then; none when it may have
  // applied more after its status was read.
  std::optional<uint64_t> applied;
  uint64_t start_cursor = 0;
  // Times both were stopped and read before findings had caught up.
  int attempts = 1;
};

struct InvariantResult {
  std::string name;
  bool checked = true;
  bool held = true;
  // Why it did not hold (a few examples), or what was compared.
  std::string detail;
};

std::vector<InvariantResult> CheckInvariants(const CycleEvidence& evidence);

}  // namespace yjinspect::crash
