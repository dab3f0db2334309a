#pragma once

// The flags every yjinspect service takes, defined once, in
// service_flags.cc (abseil Tip #103: flags are globals; this library is
// linked only by the services' mains and their tests). Each main defines
// only its own flags (--listen and --data_dir, whose defaults differ, and
// what only it needs).

#include <string>

#include "absl/time/time.h"
#include "common/access/transport_security.h"
#include "common/host/service_host_options.h"

namespace yjinspect::common {

// The shared flags' values, read after ParseServiceCommandLine.
struct ServiceFlags {
  // Every host option but `listen` (each main's own flag, as its default
  // differs). Security from --tls_cert, --tls_key, --tls_ca, --policy_file
  // and --insecure.
  ServiceHostOptions host;
  std::string log_level;
  absl::Duration shutdown_grace;
};

ServiceFlags ReadServiceFlags();

// Logs how the service is secured; loudly when it is not.
void LogTransportSecurity(const TransportSecurity& security);

}  // namespace yjinspect::common
