#include "bench/load_clients.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <thread>

#include "absl/synchronization/barrier.h"

namespace yjinspect::bench {

LoadResult RunClients(int clients, absl::Duration warmup,
                      absl::Duration measured,
                      const std::function<bool(int, uint64_t)>& call) {
  using Clock = std::chrono::steady_clock;
  struct PerClient {
    uint64_t ok = 0, failed = 0, total_ok = 0;
    std::vector<double> latencies_us;
  };
  std::vector<PerClient> per_client(static_cast<size_t>(clients));
  auto* ready = new absl::Barrier(clients + 1);
  std::atomic<bool> go{false};
  Clock::time_point measure_from, stop_at;
  std::vector<std::thread> threads;
  threads.reserve(static_cast<size_t>(clients));
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      PerClient& mine = per_client[static_cast<size_t>(c)];
      if (ready->Block()) delete ready;
      while (!go.load(std::memory_order_acquire)) std::this_thread::yield();
      for (uint64_t i = 0;; ++i) {
        const Clock::time_point start = Clock::now();
        if (start >= stop_at) break;
        const bool ok = call(c, i);
        const Clock::time_point end = Clock::now();
        if (!ok) {
          ++mine.failed;
          continue;
        }
        ++mine.total_ok;
        if (start >= measure_from && end <= stop_at) {
          ++mine.ok;
          mine.latencies_us.push_back(
              std::chrono::duration<double, std::micro>(end - start).count());
        }
      }
    });
  }
  if (ready->Block()) delete ready;
  const Clock::time_point now = Clock::now();
  measure_from = now + absl::ToChronoNanoseconds(warmup);
  stop_at = measure_from + absl::ToChronoNanoseconds(measured);
  go.store(true, std::memory_order_release);
  for (std::thread& t : threads) t.join();

  LoadResult result;
  result.seconds = absl::ToDoubleSeconds(measured);
  for (PerClient& p : per_client) {
    result.ok += p.ok;
    result.failed += p.failed;
    result.total_ok += p.total_ok;
    result.latencies_us.insert(result.latencies_us.end(),
                               p.latencies_us.begin(), p.latencies_us.end());
  }
  return result;
}

void Merge(LoadResult& into, LoadResult part) {
  into.ok += part.ok;
  into.failed += part.failed;
  into.total_ok += part.total_ok;
  into.seconds += part.seconds;
  into.wal_syncs += part.wal_syncs;
  into.latencies_us.insert(into.latencies_us.end(), part.latencies_us.begin(),
                           part.latencies_us.end());
}

double Quantile(std::vector<double>& values, double q) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const size_t index =
      std::min(values.size() - 1,
               static_cast<size_t>(
                   std::ceil(q * static_cast<double>(values.size())) - 1));
  return values[index];
}

}  // namespace yjinspect::bench
