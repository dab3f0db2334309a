#pragma once

// The one conversion point from RocksDB's status to absl::Status.

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "rocksdb/status.h"

namespace yjinspect::common {

// Maps a RocksDB status onto the absl code a caller should act on:
// corruption is DATA_LOSS, NotFound is NOT_FOUND, busy/timeouts are
// UNAVAILABLE, I/O errors and the rest INTERNAL. `context` says what was
// being done ("writing batch") and prefixes the message.
absl::Status FromRocksDb(const rocksdb::Status& status,
                         absl::string_view context);

}  // namespace yjinspect::common
