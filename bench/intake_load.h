#pragma once

// Load on the intake service's durable write paths, run in this process
// (IntakeServer on 127.0.0.1:0 with its own RocksDB, sync on) and called
// through real gRPC over loopback.

#include <cstdint>
#include <string>

#include "absl/time/time.h"
#include "bench/load_clients.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::bench {

// The case every client sends, with a per-call reference: a complete,
// valid community case.
v1::CreateCaseRequest BenchCreateCaseRequest(absl::string_view yot,
                                             absl::string_view case_id);

// One CreateCase with a 30 s deadline; true when it succeeded.
bool CallCreateCase(v1::CaseIntake::Stub& stub,
                    const v1::CreateCaseRequest& request);

struct IntakeLoadResult {
  LoadResult load;
  // RocksDB's own tickers over the run: WAL syncs and writes with WAL.
  uint64_t wal_syncs = 0;
  uint64_t wal_writes = 0;
};

// `clients` threads call CreateCase (each a new case) on one channel.
IntakeLoadResult DurableCreateCase(const std::string& dir, int clients,
                                   absl::Duration warmup,
                                   absl::Duration measured);

// The same calls against EchoServer: gRPC alone.
LoadResult EchoCreateCase(int clients, absl::Duration warmup,
                          absl::Duration measured);

// `clients` streams each send chunks of `chunk` new cases to
// BatchCreateCases; ok counts cases stored, latencies are per chunk (the
// client waits for each chunk's response by ending one call per chunk).
IntakeLoadResult DurableBatchCreateCases(const std::string& dir, int clients,
                                         int chunk, absl::Duration warmup,
                                         absl::Duration measured);

}  // namespace yjinspect::bench
