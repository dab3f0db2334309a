#pragma once

// Whether a store takes writes now, as RocksDB reports it. A background
// error (a full disk, a failed sync) puts RocksDB into read-only mode: every
// write fails until it recovers. A full disk RocksDB recovers from by
// itself once there is room again (its SstFileManager looks every few
// seconds), with nothing acknowledged lost; other errors need a restart.
// The store's figures carry the condition to the metrics, the health
// service and the log (common/host/store_watch.h).

#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "rocksdb/listener.h"

namespace yjinspect::common {

class StoreCondition : public rocksdb::EventListener {
 public:
  // Empty while writes are taken; otherwise RocksDB's reason ("IO error: No
  // space left on device: ...").
  std::string writes_refused() const;
  // True while the refusal is one RocksDB recovers from by itself.
  bool disk_full() const;

  void OnBackgroundError(rocksdb::BackgroundErrorReason reason,
                         rocksdb::Status* bg_error) override;
  void OnErrorRecoveryEnd(
      const rocksdb::BackgroundErrorRecoveryInfo& info) override;

 private:
  mutable absl::Mutex mu_;
  std::string refused_ ABSL_GUARDED_BY(mu_);
  bool disk_full_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace yjinspect::common
