#pragma once

// What the yjinspect command tells a script through its exit code.

namespace yjinspect::cli {

enum ExitCode : int {
  kExitOk = 0,
  // Some items were refused (an import with bad rows); the rest succeeded.
  kExitPartial = 1,
  // The command line itself is wrong (CLI11's own errors also exit non-zero).
  kExitUsage = 2,
  // The service refused the request: invalid, not found, already exists,
  // wrong state. Retrying the same request will not help.
  kExitRefused = 3,
  // The service could not be reached or failed; retrying may help.
  kExitUnavailable = 4,
  // A check found damage: the audit trail's hash chain is broken.
  kExitDamaged = 5,
};

}  // namespace yjinspect::cli
