#include "common/storage/rocksdb_status.h"

#include "absl/strings/str_cat.h"
#include "common/error_details.h"
#include "common/error_reasons.h"

namespace yjinspect::common {

absl::Status FromRocksDb(const rocksdb::Status& status,
                         absl::string_view context) {
  if (status.ok()) return absl::OkStatus();
  std::string message = absl::StrCat(context, ": ", status.ToString());
  switch (status.code()) {
    case rocksdb::Status::kNotFound:
      return absl::NotFoundError(message);
    case rocksdb::Status::kCorruption:
      return absl::DataLossError(message);
    case rocksdb::Status::kInvalidArgument:
    case rocksdb::Status::kNotSupported:
      return absl::InternalError(message);
    case rocksdb::Status::kBusy:
    case rocksdb::Status::kTimedOut:
    case rocksdb::Status::kTryAgain:
    case rocksdb::Status::kShutdownInProgress:
      return absl::UnavailableError(message);
    case rocksdb::Status::kAborted:
      return Aborted(kStorageAborted, message);
    case rocksdb::Status::kIOError:
      // Out of space is something an operator can fix; say so by its code,
      // and say how.
      if (status.IsNoSpace()) {
        return WithErrorInfo(
            absl::ResourceExhaustedError(absl::StrCat(
                message,
                ". The disk holding the store is full: free space or grow "
                "the volume. The service takes writes again by itself "
                "within seconds once there is room; nothing it acknowledged "
                "is lost")),
            kStoreDiskFull);
      }
      return absl::InternalError(message);
    default:
      return absl::InternalError(message);
  }
}

}  // namespace yjinspect::common
