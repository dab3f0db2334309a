#include "common/host/service_flags.h"

#include <algorithm>

#include "absl/flags/flag.h"
#include "spdlog/spdlog.h"

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
ABSL_FLAG(std::string, frameworks_dir, "",
          "folder of framework files (*.textproto) to use instead of the "
          "built-in frameworks");
ABSL_FLAG(std::string, metrics_listen, "",
          "host:port to serve Prometheus metrics on (/metrics); empty: none");
ABSL_FLAG(std::string, backup_dir, "",
          "folder for the backups the Admin service's CreateBackup takes "
          "(created when missing; one folder per service). Empty: backups "
          "are refused");
ABSL_FLAG(int, audit_head_log_seconds, 60,
          "log the audit trail's head (\"audit trail head\") this often "
          "while it grows, and at shutdown, so that a trail cut short later "
          "can be told (yjinspect audit verify --expect-head); 0: only at "
          "shutdown");
ABSL_FLAG(bool, verify_store_on_start, true,
          "read every table block of the store and check its checksum "
          "before serving, so that a damaged store is refused at start "
          "(DATA_LOSS) rather than found by the call that reads it");
ABSL_FLAG(int64_t, min_free_disk_mb, 256,
          "refuse writes (RESOURCE_EXHAUSTED, STORE_DISK_FULL) while less "
          "than this many MiB are free on the store's volume, leaving room "
          "for RocksDB's flushes and compactions; writes resume by "
          "themselves once there is room. 0: never refuse early");
ABSL_FLAG(std::string, log_level, "info",
          "least severe log level: debug (every call: method, resource "
          "name, code; never case content), info, warn, error");
ABSL_FLAG(int, shutdown_grace_seconds, 10,
          "on SIGTERM/SIGINT the service reports NOT_SERVING and calls in "
          "flight get this many seconds to finish before the store closes; "
          "give the process longer than this before SIGKILL");

namespace yjinspect::common {

ServiceFlags ReadServiceFlags() {
  ServiceFlags flags;
  ServiceHostOptions& host = flags.host;
  host.security.insecure = absl::GetFlag(FLAGS_insecure);
  host.security.cert_file = absl::GetFlag(FLAGS_tls_cert);
  host.security.key_file = absl::GetFlag(FLAGS_tls_key);
  host.security.ca_file = absl::GetFlag(FLAGS_tls_ca);
  host.security.policy_file = absl::GetFlag(FLAGS_policy_file);
  host.health_listen = absl::GetFlag(FLAGS_health_listen);
  host.frameworks_dir = absl::GetFlag(FLAGS_frameworks_dir);
  host.metrics_listen = absl::GetFlag(FLAGS_metrics_listen);
  host.backup_dir = absl::GetFlag(FLAGS_backup_dir);
  host.verify_store_on_start = absl::GetFlag(FLAGS_verify_store_on_start);
  host.min_free_disk_bytes = static_cast<uint64_t>(std::max<int64_t>(
                                 0, absl::GetFlag(FLAGS_min_free_disk_mb)))
                             << 20;
  host.audit_head_log_interval =
      absl::Seconds(std::max(0, absl::GetFlag(FLAGS_audit_head_log_seconds)));
  flags.log_level = absl::GetFlag(FLAGS_log_level);
  flags.shutdown_grace =
      absl::Seconds(absl::GetFlag(FLAGS_shutdown_grace_seconds));
  return flags;
}

void LogTransportSecurity(const TransportSecurity& security) {
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
