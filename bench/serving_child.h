#pragma once

// A service binary run as a child process and answering SERVING: what the
// figures that need a real process (memory, start-up time) start from.

#include <memory>
#include <string>
#include <vector>

#include "bench/child_process.h"
#include "grpcpp/grpcpp.h"

namespace yjinspect::bench {

// Reconnects within milliseconds, so that a start-up time is not a
// reconnect backoff.
std::shared_ptr<grpc::Channel> EagerChannel(const std::string& address);

// Returns once `service` answers SERVING on `channel`; aborts after two
// minutes.
void WaitServing(const std::shared_ptr<grpc::Channel>& channel,
                 const std::string& service);

// The command line of an intake_server for a benchmark: listening on
// `address`, its store in `data_dir`, plaintext (as the echo baseline),
// the development pseudonym key (the same keyed hash as a real one), and
// warnings only in its log.
std::vector<std::string> BenchIntakeArgv(const std::string& binary,
                                         const std::string& address,
                                         const std::string& data_dir);

// A service binary run as a child process, and a channel to it.
struct ServingChild {
  std::unique_ptr<ChildProcess> process;
  std::shared_ptr<grpc::Channel> channel;
};

// Starts `argv` and returns once `service` answers SERVING at `address`:
// what a start-up time measures.
ServingChild StartServing(const std::vector<std::string>& argv,
                          const std::string& log, const std::string& address,
                          const std::string& service);

}  // namespace yjinspect::bench
