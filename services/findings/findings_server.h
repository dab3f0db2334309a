#pragma once

// A running findings server: its store, the feed from intake and its
// domain parts inside the service host every yjinspect service runs in
// (common/host/service_host.h). main.cc and the tests start it this way.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "common/host/erasure_purger.h"
#include "common/host/service_host_options.h"
#include "services/findings/intake_feed.h"
#include "services/findings/storage/findings_store.h"

namespace yjinspect::findings {

// The host's options (common/host/service_host_options.h) and findings'
// own. Over TLS the service also dials intake with its own certificate and
// key, trusting the same CA bundle.
// The health status name of the feed from intake: NOT_SERVING while the
// feed is degraded (intake_feed.h).
inline constexpr char kFeedHealthName[] = "yjinspect.feed";

struct FindingsServerOptions : common::ServiceHostOptions {
  FindingsServerOptions() { listen = "127.0.0.1:50052"; }
  // RocksDB folder, created when missing.
  std::string data_dir;
  // Sync the WAL before acknowledging. Only tests turn it off.
  bool sync = true;
  // host:port of the intake service to follow.
  std::string intake = "127.0.0.1:50051";
  // The stream's keepalive and when the feed counts as degraded
  // (intake_feed.h).
  absl::Duration intake_keepalive = absl::Seconds(20);
  absl::Duration feed_degraded_after = absl::Seconds(30);
};

class FindingsServer {
 public:
  // Opens the store, starts following intake and starts serving.
  static absl::StatusOr<std::unique_ptr<FindingsServer>> Start(
      const FindingsServerOptions& options);
  ~FindingsServer();

  int port() const;
  int health_port() const;
  const std::string& address() const;
  // The bound metrics port; 0 when metrics are not served.
  int metrics_port() const;
  FindingsStore& store();
  IntakeFeed& feed();
  // Purges of erased content from the disk (after an erasure is applied).
  common::ErasurePurger& purger();

  // NOT_SERVING, stop the feed, stop taking calls (calls in flight finish
  // until `deadline`), close the store. Idempotent.
  void Shutdown(absl::Duration deadline = absl::Seconds(10));

 private:
  struct Parts;
  explicit FindingsServer(std::unique_ptr<Parts> parts);

  std::unique_ptr<Parts> parts_;
};

}  // namespace yjinspect::findings
