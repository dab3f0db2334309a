#include "common/telemetry/service_metrics.h"

#include <exception>
#include <utility>

#include "absl/strings/str_cat.h"
#include "prometheus/collectable.h"
#include "prometheus/exposer.h"

namespace yjinspect::common {

// The scrape-time registry behind a Collectable that runs the refreshers
// first, so each scrape reads current figures.
class ServiceMetrics::ScrapedFigures final : public prometheus::Collectable {
 public:
  explicit ScrapedFigures(std::shared_ptr<prometheus::Registry> registry)
      : registry_(std::move(registry)) {}

  void Add(std::function<void()> refresh) {
    absl::MutexLock lock(&mu_);
    refreshers_.push_back(std::move(refresh));
  }

  std::vector<prometheus::MetricFamily> Collect() const override {
    absl::MutexLock lock(&mu_);
    for (const auto& refresh : refreshers_) refresh();
    return registry_->Collect();
  }

 private:
  std::shared_ptr<prometheus::Registry> registry_;
  mutable absl::Mutex mu_;
  std::vector<std::function<void()>> refreshers_ ABSL_GUARDED_BY(mu_);
};

namespace {

// From 0.5 ms (a point read) to 10 s (a deadline): RPC latencies.
const prometheus::Histogram::BucketBoundaries& DurationBuckets() {
  static const auto* buckets = new prometheus::Histogram::BucketBoundaries{
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
      0.1,    0.25,  0.5,    1,     2.5,  5,     10};
  return *buckets;
}

}  // namespace

ServiceMetrics::ServiceMetrics(std::string service)
    : service_(std::move(service)),
      registry_(std::make_shared<prometheus::Registry>()),
      scraped_(std::make_shared<prometheus::Registry>()),
      scraped_figures_(std::make_shared<ScrapedFigures>(scraped_)),
      calls_(prometheus::BuildCounter()
                 .Name("yjinspect_rpc_calls_total")
                 .Help("Finished RPCs by method and status code")
                 .Labels({{"service", service_}})
                 .Register(*registry_)),
      durations_(prometheus::BuildHistogram()
                     .Name("yjinspect_rpc_duration_seconds")
                     .Help("RPC latency from the handler's start to its "
                           "status, by method and status code")
                     .Labels({{"service", service_}})
                     .Register(*registry_)) {}

ServiceMetrics::~ServiceMetrics() { StopServing(); }

void ServiceMetrics::RecordCall(absl::string_view method,
                                absl::string_view code, double seconds) {
  const prometheus::Labels labels{{"method", std::string(method)},
                                  {"code", std::string(code)}};
  calls_.Add(labels).Increment();
  durations_.Add(labels, DurationBuckets()).Observe(seconds);
}

prometheus::Gauge& ServiceMetrics::ScrapedGauge(const std::string& name,
                                                const std::string& help) {
  return prometheus::BuildGauge().Name(name).Help(help).Register(*scraped_).Add(
      {});
}

void ServiceMetrics::OnScrape(std::function<void()> refresh) {
  scraped_figures_->Add(std::move(refresh));
}

absl::StatusOr<int> ServiceMetrics::Serve(const std::string& listen) {
  absl::MutexLock lock(&mu_);
  if (exposer_ != nullptr) {
    return absl::FailedPreconditionError("metrics are already served");
  }
  // prometheus-cpp reports a port it cannot bind by throwing (civetweb's
  // exception): the one place our code meets an exception, converted here.
  try {
    exposer_ = std::make_unique<prometheus::Exposer>(listen, /*threads=*/1);
  } catch (const std::exception& e) {
    return absl::UnavailableError(
        absl::StrCat("cannot serve metrics on ", listen, ": ", e.what()));
  }
  exposer_->RegisterCollectable(registry_);
  exposer_->RegisterCollectable(scraped_figures_);
  const std::vector<int> ports = exposer_->GetListeningPorts();
  if (ports.empty()) {
    exposer_.reset();
    return absl::UnavailableError(
        absl::StrCat("cannot serve metrics on ", listen));
  }
  return ports.front();
}

void ServiceMetrics::StopServing() {
  absl::MutexLock lock(&mu_);
  exposer_.reset();
}

}  // namespace yjinspect::common
