#pragma once

// The flags every yjinspect service takes, defined once, in
// service_flags.cc (abseil Tip #103: flags are globals; this library is
// linked only by the services' mains and their tests). Each main defines
// only its own flags (--listen and --data_dir, whose defaults differ, and
// what only it needs).

#include <string>

#include "absl/time/time.h"
#include "common/access/transport_security.h"

namespace yjinspect::common {

// The shared flags' values, read after ParseServiceCommandLine.
struct ServiceFlags {
  // --tls_cert, --tls_key, --tls_ca, --policy_file, --insecure.
  TransportSecurity security;
  std::string health_listen;
  std::string frameworks_dir;
  std::string metrics_listen;
  std::string backup_dir;
  std::string log_level;
  absl::Duration shutdown_grace;
};

ServiceFlags ReadServiceFlags();

// Logs how the service is secured; loudly when it is not.
void LogTransportSecurity(const TransportSecurity& security);

}  // namespace yjinspect::common
