#pragma once

// The transport-security flags both services take (--tls_cert, --tls_key,
// --tls_ca, --policy_file, --insecure, --health_listen), read after
// absl::ParseCommandLine. Flags are defined next to main (Tip #103): each
// service's main.cc includes this header exactly once.

#include <string>

#include "absl/flags/flag.h"
#include "common/access/transport_security.h"
#include "common/logging.h"

ABSL_FLAG(std::string, tls_cert, "",
          "PEM certificate chain this service presents (to its clients and, "
          "for findings, to intake)");
ABSL_FLAG(std::string, tls_key, "", "PEM private key of --tls_cert");
ABSL_FLAG(std::string, tls_ca, "",
          "PEM CA bundle that callers' client certificates (and, for "
          "findings, intake's certificate) must chain to");
ABSL_FLAG(std::string, policy_file, "",
          "access policy (textproto): each caller's certificate Common Name, "
          "role and YOTs or assigned inspections; see docs/security.md");
ABSL_FLAG(bool, insecure, false,
          "DEVELOPMENT ONLY: plaintext, no client certificates, no "
          "authorization; callers are whoever x-yjinspect-actor says");
ABSL_FLAG(std::string, health_listen, "",
          "host:port of an extra plaintext listener serving only the gRPC "
          "health check, for probes without client certificates");

namespace yjinspect::common {

inline TransportSecurity TransportSecurityFromFlags() {
  TransportSecurity security;
  security.insecure = absl::GetFlag(FLAGS_insecure);
  security.cert_file = absl::GetFlag(FLAGS_tls_cert);
  security.key_file = absl::GetFlag(FLAGS_tls_key);
  security.ca_file = absl::GetFlag(FLAGS_tls_ca);
  security.policy_file = absl::GetFlag(FLAGS_policy_file);
  return security;
}

// Logs how the service is secured; loudly when it is not.
inline void LogTransportSecurity(const TransportSecurity& security) {
  if (security.insecure) {
    spdlog::warn(
        "--insecure: serving PLAINTEXT with NO client authentication and NO "
        "authorization; any caller can do anything. Local development only.");
  } else {
    spdlog::info("mutual TLS: certificate {}, CA bundle {}, policy {}",
                 security.cert_file, security.ca_file, security.policy_file);
  }
}

}  // namespace yjinspect::common
