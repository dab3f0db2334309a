#include "common/host/store_watch.h"

#include <utility>

#include "common/telemetry/logging.h"
#include "spdlog/spdlog.h"

namespace yjinspect::common {

StoreWatch::StoreWatch(std::function<StorageFigures()> figures,
                       std::function<void(bool writable)> report,
                       absl::Duration interval)
    : figures_(std::move(figures)),
      report_(std::move(report)),
      interval_(interval) {}

StoreWatch::~StoreWatch() { Stop(); }

void StoreWatch::Start() {
  Look();
  thread_ = std::thread([this] { Run(); });
}

void StoreWatch::Stop() {
  {
    absl::MutexLock lock(&mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
}

void StoreWatch::Run() {
  absl::MutexLock lock(&mu_);
  while (!mu_.AwaitWithTimeout(absl::Condition(&stopping_), interval_)) {
    mu_.Unlock();
    Look();
    mu_.Lock();
  }
}

void StoreWatch::Look() {
  const StorageFigures figures = figures_();
  if (reported_ && figures.writes_refused == refused_) return;
  const bool was_refused = !refused_.empty();
  refused_ = figures.writes_refused;
  reported_ = true;
  report_(refused_.empty());
  if (!refused_.empty()) {
    LogEvent(spdlog::level::err,
             figures.disk_full
                 ? "the store refuses every write: its disk is full. Free "
                   "space or grow the volume; writes resume by themselves "
                   "once there is room, and nothing acknowledged is lost"
                 : "the store refuses every write after a storage error; "
                   "see the reason, then restart the service",
             LogFields().Add("reason", refused_));
  } else if (was_refused) {
    LogEvent(spdlog::level::info, "the store takes writes again", LogFields());
  }
}

}  // namespace yjinspect::common
