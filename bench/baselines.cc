#include "bench/baselines.h"

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <memory>

#include "absl/strings/str_cat.h"
#include "rocksdb/db.h"
#include "rocksdb/options.h"
#include "rocksdb/statistics.h"
#include "rocksdb/write_batch.h"

namespace yjinspect::bench {
namespace {

std::unique_ptr<rocksdb::DB> OpenFresh(const std::string& path) {
  rocksdb::Options options;
  options.create_if_missing = true;
  options.error_if_exists = true;
  options.IncreaseParallelism(2);
  options.OptimizeLevelStyleCompaction(32 << 20);
  options.statistics = rocksdb::CreateDBStatistics();
  rocksdb::DB* db = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(options, path, &db);
  if (!s.ok()) {
    fprintf(stderr, "opening %s: %s\n", path.c_str(), s.ToString().c_str());
    abort();
  }
  return std::unique_ptr<rocksdb::DB>(db);
}

std::string Key(int thread, uint64_t i) {
  char key[32];
  snprintf(key, sizeof(key), "%04d-%016llx", thread,
           static_cast<unsigned long long>(i));
  return key;
}

}  // namespace

LoadResult RawRocksDbSyncedWrites(const std::string& dir, int threads,
                                  size_t value_size, int batch,
                                  absl::Duration warmup,
                                  absl::Duration measured) {
  static int run = 0;
  std::unique_ptr<rocksdb::DB> db = OpenFresh(
      absl::StrCat(dir, "/raw-writes-", threads, "-", batch, "-", ++run));
  const std::string value(value_size, 'v');
  rocksdb::WriteOptions sync;
  sync.sync = true;
  LoadResult result =
      RunClients(threads, warmup, measured, [&](int thread, uint64_t i) {
        rocksdb::WriteBatch wb;
        for (int k = 0; k < batch; ++k) {
          wb.Put(Key(thread, i * batch + k), value);
        }
        return db->Write(sync, &wb).ok();
      });
  result.ok *= static_cast<uint64_t>(batch);
  result.total_ok *= static_cast<uint64_t>(batch);
  result.wal_syncs =
      db->GetOptions().statistics->getTickerCount(rocksdb::WAL_FILE_SYNCED);
  db->Close().PermitUncheckedError();
  return result;
}

double RawRocksDbReadSeq(const std::string& dir, size_t records,
                         size_t value_size) {
  static int run = 0;
  std::unique_ptr<rocksdb::DB> db =
      OpenFresh(absl::StrCat(dir, "/raw-read-", ++run));
  const std::string value(value_size, 'v');
  rocksdb::WriteBatch wb;
  for (size_t i = 0; i < records; ++i) {
    wb.Put(Key(0, i), value);
    if (wb.Count() == 1000) {
      db->Write(rocksdb::WriteOptions(), &wb).PermitUncheckedError();
      wb.Clear();
    }
  }
  db->Write(rocksdb::WriteOptions(), &wb).PermitUncheckedError();
  db->Flush(rocksdb::FlushOptions()).PermitUncheckedError();
  // Scans again until a measurable time has passed: a small table reads in
  // milliseconds.
  const auto start = std::chrono::steady_clock::now();
  size_t seen = 0, bytes = 0;
  double seconds = 0;
  do {
    std::unique_ptr<rocksdb::Iterator> it(
        db->NewIterator(rocksdb::ReadOptions()));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      ++seen;
      bytes += it->value().size();
    }
    seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
  } while (seconds < 0.5);
  db->Close().PermitUncheckedError();
  if (seen % records != 0 || bytes == 0) return 0;
  return static_cast<double>(seen) / seconds;
}

double RawRocksDbUnsyncedBatches(const std::string& dir, size_t records,
                                 size_t value_size, size_t batch) {
  static int run = 0;
  std::unique_ptr<rocksdb::DB> db =
      OpenFresh(absl::StrCat(dir, "/raw-unsynced-", ++run));
  const std::string value(value_size, 'v');
  const auto start = std::chrono::steady_clock::now();
  rocksdb::WriteBatch wb;
  for (size_t i = 0; i < records; ++i) {
    wb.Put(Key(0, i), value);
    if (wb.Count() == static_cast<uint32_t>(batch) || i + 1 == records) {
      if (!db->Write(rocksdb::WriteOptions(), &wb).ok()) return 0;
      wb.Clear();
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  db->Close().PermitUncheckedError();
  return seconds > 0 ? static_cast<double>(records) / seconds : 0;
}

LoadResult RawFdatasync(const std::string& dir, size_t size,
                        absl::Duration warmup, absl::Duration measured) {
  const std::string path = absl::StrCat(dir, "/fdatasync.log");
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  if (fd < 0) {
    perror("open");
    abort();
  }
  const std::string block(size, 'f');
  LoadResult result = RunClients(1, warmup, measured, [&](int, uint64_t) {
    if (write(fd, block.data(), block.size()) !=
        static_cast<ssize_t>(block.size())) {
      return false;
    }
    return fdatasync(fd) == 0;
  });
  close(fd);
  return result;
}

}  // namespace yjinspect::bench
