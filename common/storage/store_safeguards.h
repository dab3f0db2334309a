#pragma once

// What a store does to keep itself whole, set by the service's flags
// (--verify_store_on_start, --min_free_disk_mb) and applied by
// RocksDbStore::Open.

#include <cstdint>

namespace yjinspect::common {

struct StoreSafeguards {
  // Check every table block's checksum before serving (store_integrity.h).
  bool verify_tables = true;
  // Refuse writes while less than this is free on the store's volume
  // (disk_reserve.h); 0: never. The servers set it from --min_free_disk_mb
  // (256 MiB unless told); a store opened by a test or tool keeps none.
  uint64_t min_free_bytes = 0;
};

}  // namespace yjinspect::common
