#pragma once

// The Prometheus metrics of one service: a registry for figures the service
// keeps as it works (RPC counts and latencies, cases stored ...), figures
// read afresh at each scrape (store size, stream lag), and the HTTP
// endpoint serving them at /metrics. Thread-safe.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "prometheus/counter.h"
#include "prometheus/family.h"
#include "prometheus/gauge.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"

namespace prometheus {
class Exposer;
}

namespace yjinspect::common {

class ServiceMetrics {
 public:
  // `service` names the service in log lines and in the `service` label.
  explicit ServiceMetrics(std::string service);
  // Stops serving.
  ~ServiceMetrics();
  ServiceMetrics(const ServiceMetrics&) = delete;
  ServiceMetrics& operator=(const ServiceMetrics&) = delete;

  const std::string& service() const { return service_; }

  // Counts one finished call in yjinspect_rpc_calls_total{method,code} and
  // yjinspect_rpc_duration_seconds{method,code}. `code` is the canonical
  // status code name ("OK", "NOT_FOUND" ...).
  void RecordCall(absl::string_view method, absl::string_view code,
                  double seconds);

  // Where the service registers its own counters and gauges (kept up to
  // date as it works).
  prometheus::Registry& registry() { return *registry_; }
  // Where figures read at scrape time go: `refresh` (quick, thread-safe)
  // runs at each scrape and sets them. Register before Serve().
  prometheus::Registry& scraped() { return *scraped_; }
  void OnScrape(std::function<void()> refresh);
  // A gauge without labels in scraped(), for an OnScrape refresher to set.
  prometheus::Gauge& ScrapedGauge(const std::string& name,
                                  const std::string& help);

  // Serves /metrics over HTTP on `listen` (host:port; port 0 picks a free
  // one); returns the bound port. UNAVAILABLE when it cannot be bound.
  absl::StatusOr<int> Serve(const std::string& listen);
  // Stops serving (before whatever the scrape reads is closed). Idempotent.
  void StopServing();

 private:
  class ScrapedFigures;

  const std::string service_;
  std::shared_ptr<prometheus::Registry> registry_;
  std::shared_ptr<prometheus::Registry> scraped_;
  std::shared_ptr<ScrapedFigures> scraped_figures_;
  prometheus::Family<prometheus::Counter>& calls_;
  prometheus::Family<prometheus::Histogram>& durations_;

  absl::Mutex mu_;
  std::unique_ptr<prometheus::Exposer> exposer_ ABSL_GUARDED_BY(mu_);
};

}  // namespace yjinspect::common
