#pragma once

// The last write a store acknowledged, kept in a small file beside the
// RocksDB files (ACKNOWLEDGED) so that a store which comes back with less
// is caught at start instead of served.
//
// Why: RocksDB recovers a write-ahead log up to its first damaged or
// missing byte and carries on (kPointInTimeRecovery, the right mode for a
// torn last record after a crash). A log cut short, or deleted, by a disk
// fault or a hand is recovered the same way: everything after the cut is
// gone, and the store opens as if it had never been written. A service
// acknowledges a write only once its log record is synced; the mark holds
// that record's RocksDB sequence number, written (not synced) right after
// each sync. It can lag the store (a crash between the sync and the mark)
// but never lead it, so "the store recovered less than the mark" means
// acknowledged writes are missing.
//
// The file is one line, "acknowledged <20 digits>\n", rewritten in place
// with a single pwrite (smaller than a disk sector).

#include <cstdint>
#include <optional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"

namespace yjinspect::common {

inline constexpr char kAcknowledgedFile[] = "ACKNOWLEDGED";

// The sequence the mark in `folder` holds; nullopt when there is no mark
// (a store made before marks were kept, or restored from a backup) or it is
// unreadable (a torn write of the mark itself): then nothing is checked.
std::optional<uint64_t> ReadAcknowledgedMark(const std::string& folder);

class AcknowledgedMark {
 public:
  // Opens (creating) the mark of `folder` and writes `sequence` to it.
  static absl::StatusOr<std::unique_ptr<AcknowledgedMark>> Open(
      const std::string& folder, uint64_t sequence);
  ~AcknowledgedMark();
  AcknowledgedMark(const AcknowledgedMark&) = delete;
  AcknowledgedMark& operator=(const AcknowledgedMark&) = delete;

  // Records that writes up to `sequence` are synced. Smaller numbers than
  // the last are ignored. A failed write is logged once and the mark left
  // behind: a lagging mark checks less, never wrongly.
  void Note(uint64_t sequence);

 private:
  explicit AcknowledgedMark(int fd) : fd_(fd) {}
  void Write(uint64_t sequence) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const int fd_;
  absl::Mutex mu_;
  uint64_t noted_ ABSL_GUARDED_BY(mu_) = 0;
  bool failed_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace yjinspect::common
