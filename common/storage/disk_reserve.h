#pragma once

// Keeps a reserve of free space on a store's volume: writes are refused
// (RESOURCE_EXHAUSTED, STORE_DISK_FULL) while less than the reserve is free,
// before RocksDB itself runs out.
//
// Why not leave a full disk to RocksDB: when a write-ahead log append fails
// for lack of space RocksDB goes read-only and recovers by itself once
// there is room, but Debian's librocksdb 7.8 is built with assertions, and
// a later write or recovery on the failed log can abort the process
// (`WritableFileWriter::AssertFalseAndGetStatusForPrevError`, fixed
// upstream in RocksDB 9.x: "Don't write to WAL after previous WAL write
// error"). Seen here under a filled tmpfs: findings_server aborted in
// roughly half the runs. Refusing first means RocksDB does not meet a full
// disk in normal operation; the reserve also leaves room for the flushes
// and compactions that run after writes stop. Writes resume as soon as the
// reserve is free again: no recovery, no restart.

#include <cstdint>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "rocksdb/status.h"

namespace yjinspect::common {

class DiskReserve {
 public:
  // `path`: a folder on the volume; `reserve_bytes` 0 turns the check off.
  // The free space is read at most every `refresh` (one statvfs).
  DiskReserve(std::string path, uint64_t reserve_bytes,
              absl::Duration refresh = absl::Milliseconds(100));

  // OK while at least the reserve is free; otherwise NoSpace, saying how
  // much is free and what is kept.
  rocksdb::Status Check();

 private:
  const std::string path_;
  const uint64_t reserve_bytes_;
  const absl::Duration refresh_;
  absl::Mutex mu_;
  absl::Time read_at_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
  uint64_t free_bytes_ ABSL_GUARDED_BY(mu_) = 0;
  bool readable_ ABSL_GUARDED_BY(mu_) = true;
};

}  // namespace yjinspect::common
