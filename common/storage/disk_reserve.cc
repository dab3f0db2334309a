#include "common/storage/disk_reserve.h"

#include <sys/statvfs.h>

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace yjinspect::common {

DiskReserve::DiskReserve(std::string path, uint64_t reserve_bytes,
                         absl::Duration refresh)
    : path_(std::move(path)),
      reserve_bytes_(reserve_bytes),
      refresh_(refresh) {}

rocksdb::Status DiskReserve::Check() {
  if (reserve_bytes_ == 0) return rocksdb::Status::OK();
  absl::MutexLock lock(&mu_);
  const absl::Time now = absl::Now();
  if (now - read_at_ >= refresh_) {
    struct statvfs volume {};
    readable_ = statvfs(path_.c_str(), &volume) == 0;
    free_bytes_ = static_cast<uint64_t>(volume.f_bavail) * volume.f_frsize;
    read_at_ = now;
  }
  // A volume that cannot be read is left to RocksDB to report.
  if (!readable_ || free_bytes_ >= reserve_bytes_) return rocksdb::Status::OK();
  return rocksdb::Status::NoSpace(
      absl::StrCat("only ", free_bytes_ >> 20, " MiB free on the volume of ",
                   path_, ", less than the ", reserve_bytes_ >> 20,
                   " MiB kept in reserve (--min_free_disk_mb)"));
}

}  // namespace yjinspect::common
