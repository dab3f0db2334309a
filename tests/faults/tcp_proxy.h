#pragma once

// A loopback TCP proxy between a client and a server, for partitions: the
// fault tests point findings_server at it instead of at intake. Partition()
// stops it forwarding anything, in either direction, on open connections
// and on new ones (accepted and held, as a network that drops every packet
// leaves a connection neither open nor closed); Heal() drops what it held
// and forwards again. One thread, non-blocking sockets, poll(2).

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"

namespace yjinspect::faults {

class TcpProxy {
 public:
  // Listens on a free loopback port and forwards to `target_port` on
  // 127.0.0.1.
  static absl::StatusOr<std::unique_ptr<TcpProxy>> Start(int target_port);
  ~TcpProxy();
  TcpProxy(const TcpProxy&) = delete;
  TcpProxy& operator=(const TcpProxy&) = delete;

  // "127.0.0.1:<port>" to dial instead of the target.
  std::string address() const;
  void Partition() { partitioned_ = true; }
  void Heal() { heal_ = true; }

 private:
  struct Pipe;
  TcpProxy(int listener, int port, int target_port);
  void Run();
  void Accept();
  void DropAll();

  const int listener_;
  const int port_;
  const int target_port_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> partitioned_{false};
  std::atomic<bool> heal_{false};
  std::vector<std::unique_ptr<Pipe>> pipes_;  // the proxy's thread only
  std::vector<int> held_;                     // accepted while partitioned
  std::thread thread_;
};

}  // namespace yjinspect::faults
