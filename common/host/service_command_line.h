#pragma once

// The command line of a yjinspect service: its usage text, --help listing
// the service's own flags (--helpfull adds abseil's), --version, and every
// flag settable from a YJINSPECT_ environment variable (common/
// flag_environment.h) with the command line winning.

#include "absl/strings/string_view.h"
#include "common/host/flag_environment.h"

namespace yjinspect::common {

// Parses argv after applying the environment. `usage` says what the service
// does and how to call it; a paragraph on environment variables is added.
// Also tunes malloc for a long-running service (allocator_tuning.h).
// Exits with status 2 when an environment variable holds a value its flag
// rejects, and as abseil does for a bad command line or --help/--version.
// Call once, first in main after BlockShutdownSignals.
FlagEnvironment ParseServiceCommandLine(int argc, char** argv,
                                        absl::string_view usage);

// Debian's abseil is built without NDEBUG, so every absl::Mutex lock also
// updates a global lock-order graph to detect deadlock cycles: about 2 % of
// a busy service's CPU under perf (bench/results/profiling.md). The tests,
// which link no main of ours, keep the detection; a service process drops
// it. Called by ParseServiceCommandLine; call it first in other mains that
// run services (the benchmarks).
void SkipMutexDeadlockDetection();

// Logs which variables configured the service, and warns of YJINSPECT_
// variables that name no flag. Call after InitLogging.
void LogFlagEnvironment(const FlagEnvironment& environment);

}  // namespace yjinspect::common
