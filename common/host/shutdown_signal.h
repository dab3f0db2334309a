#pragma once

// SIGTERM / SIGINT handling without async-signal-unsafe handlers: the signals
// are blocked in every thread and one thread waits for them with sigwait.

namespace yjinspect::common {

// Call first thing in main, before any thread starts, so that every thread
// inherits the blocked mask and only WaitForShutdownSignal sees the signal.
void BlockShutdownSignals();

// Blocks until SIGTERM or SIGINT arrives; returns the signal number.
int WaitForShutdownSignal();

}  // namespace yjinspect::common
