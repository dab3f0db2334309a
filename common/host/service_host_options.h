#pragma once

// What every yjinspect service is told at start, whatever its domain: where
// it listens and how it is secured, reached and backed up. Each service's
// options extend this with its own (its store's folder, its peers), so the
// shared flags (service_flags.h) fill one struct for either service.

#include <cstdint>
#include <string>

#include "absl/time/time.h"
#include "common/access/transport_security.h"

namespace yjinspect::common {

struct ServiceHostOptions {
  // host:port; port 0 picks a free port.
  std::string listen;
  // Folder of framework files (*.textproto) instead of the built-in ones;
  // empty: built-in.
  std::string frameworks_dir;
  // Mutual TLS with the access policy, or insecure; neither (the default)
  // refuses to start.
  TransportSecurity security;
  // host:port of a plaintext listener serving only the health check (for
  // probes without client certificates); empty: none.
  std::string health_listen;
  // host:port for Prometheus (/metrics); port 0 picks a free port. Empty:
  // no metrics endpoint.
  std::string metrics_listen;
  // Folder the Admin service's CreateBackup writes backups to (created when
  // missing). Empty: backups are refused.
  std::string backup_dir;
  // How often the audit trail's head is logged while it grows (and once at
  // shutdown): see audit_head_anchor.h. Zero: only at shutdown.
  absl::Duration audit_head_log_interval = absl::Minutes(1);
  // Read every table block of the store and check its checksum before
  // serving, so a damaged store is refused at start (store_integrity.h).
  bool verify_store_on_start = true;
  // Refuse writes while less than this is free on the store's volume
  // (common/storage/disk_reserve.h); 0: never.
  uint64_t min_free_disk_bytes = uint64_t{256} << 20;
};

}  // namespace yjinspect::common
