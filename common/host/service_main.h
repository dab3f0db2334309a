#pragma once

// What both services' mains do once their server has started: say how it
// is served, wait for SIGTERM or SIGINT (blocked first thing in main, see
// common/host/shutdown_signal.h), and shut down with the grace period.

#include <cstdlib>
#include <string>

#include "absl/time/time.h"
#include "common/host/service_flags.h"
#include "common/host/shutdown_signal.h"
#include "spdlog/spdlog.h"

namespace yjinspect::common {

// `Server` has metrics_port() and Shutdown(absl::Duration). `serving` is
// the line that says what it serves. Returns main's exit status.
template <typename Server>
int ServeUntilSignal(Server& server, const ServiceFlags& flags,
                     const std::string& serving) {
  LogTransportSecurity(flags.security);
  spdlog::info("{}", serving);
  if (server.metrics_port() != 0) {
    spdlog::info("metrics on port {} (/metrics)", server.metrics_port());
  }
  const int signal_number = WaitForShutdownSignal();
  spdlog::info("signal {} received: finishing calls in flight", signal_number);
  server.Shutdown(flags.shutdown_grace);
  spdlog::info("stopped cleanly");
  return EXIT_SUCCESS;
}

}  // namespace yjinspect::common
