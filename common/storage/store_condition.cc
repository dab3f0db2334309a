#include "common/storage/store_condition.h"

namespace yjinspect::common {

std::string StoreCondition::writes_refused() const {
  absl::MutexLock lock(&mu_);
  return refused_;
}

bool StoreCondition::disk_full() const {
  absl::MutexLock lock(&mu_);
  return disk_full_;
}

void StoreCondition::OnBackgroundError(rocksdb::BackgroundErrorReason,
                                       rocksdb::Status* bg_error) {
  if (bg_error == nullptr || bg_error->ok()) return;
  absl::MutexLock lock(&mu_);
  refused_ = bg_error->ToString();
  disk_full_ = bg_error->IsNoSpace();
}

void StoreCondition::OnErrorRecoveryEnd(
    const rocksdb::BackgroundErrorRecoveryInfo& info) {
  absl::MutexLock lock(&mu_);
  if (info.new_bg_error.ok()) {
    refused_.clear();
    disk_full_ = false;
  } else {
    refused_ = info.new_bg_error.ToString();
    disk_full_ = info.new_bg_error.IsNoSpace();
  }
}

}  // namespace yjinspect::common
