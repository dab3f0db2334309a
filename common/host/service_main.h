#pragma once

// What both services' mains do: block the shutdown signals, parse the
// command line (environment first), read the flags every service takes,
// start logging, start the server from its options, say how it is served,
// wait for SIGTERM or SIGINT (common/host/shutdown_signal.h) and shut down
// with the grace period. Each main gives only its own flags and its line.

#include <cstdlib>
#include <functional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/host/service_command_line.h"
#include "common/host/service_flags.h"
#include "common/host/service_host_options.h"
#include "common/host/shutdown_signal.h"
#include "common/telemetry/logging.h"
#include "spdlog/spdlog.h"

namespace yjinspect::common {

// A server's exit status when its store is damaged (sysexits' EX_DATAERR):
// restore from a backup (docs/backups.md) rather than restart.
inline constexpr int kExitStoreDamaged = 65;

// `Server` has metrics_port() and Shutdown(absl::Duration). `serving` is
// the line that says what it serves. Returns main's exit status.
template <typename Server>
int ServeUntilSignal(Server& server, const ServiceFlags& flags,
                     const std::string& serving) {
  LogTransportSecurity(flags.host.security);
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

// A service's whole main. `Options` extends ServiceHostOptions (filled from
// the shared flags); `own_flags` sets the rest from the main's own flags
// (--listen among them); `Server::Start(options)` starts it; `serving`
// says what the started server serves. Returns main's exit status.
template <typename Server, typename Options>
int RunService(
    int argc, char** argv, absl::string_view service, absl::string_view usage,
    const std::function<void(Options&)>& own_flags,
    const std::function<std::string(Server&, const Options&)>& serving) {
  BlockShutdownSignals();
  const FlagEnvironment environment =
      ParseServiceCommandLine(argc, argv, usage);
  const ServiceFlags flags = ReadServiceFlags();
  InitLogging(service, flags.log_level);
  LogFlagEnvironment(environment);

  Options options;
  static_cast<ServiceHostOptions&>(options) = flags.host;
  own_flags(options);
  auto server = Server::Start(options);
  if (!server.ok()) {
    spdlog::critical("cannot start: {}", server.status().ToString());
    // A damaged store is not fixed by starting again: a distinct status,
    // so that an orchestrator's operator sees it for what it is.
    return server.status().code() == absl::StatusCode::kDataLoss
               ? kExitStoreDamaged
               : EXIT_FAILURE;
  }
  return ServeUntilSignal(**server, flags, serving(**server, options));
}

}  // namespace yjinspect::common
