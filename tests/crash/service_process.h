#pragma once

// One service binary (intake_server or findings_server) run as a child
// process of the crash driver on a fixed loopback port, so that it can be
// killed with SIGKILL at any moment and started again on the same store and
// port, as a crashed and restarted server would be.

#include <sys/types.h>

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace yjinspect::crash {

// A loopback port nothing listens on now (bound to port 0, then released).
absl::StatusOr<int> PickFreePort();

class ServiceProcess {
 public:
  // `binary` is run with `args`; its standard output and error are appended
  // to `log_path`. `health_name` is the service name its health service
  // reports SERVING for ("yjinspect.v1.CaseIntake").
  ServiceProcess(std::string binary, std::vector<std::string> args,
                 std::string log_path, std::string address,
                 std::string health_name);
  // Kills the child if it still runs.
  ~ServiceProcess();
  ServiceProcess(const ServiceProcess&) = delete;
  ServiceProcess& operator=(const ServiceProcess&) = delete;

  // Starts the child and waits until its health service reports SERVING.
  // A child that exits first (its port is still held after a kill: the
  // servers refuse SO_REUSEPORT) is started again after a short pause.
  // DEADLINE_EXCEEDED when it is not serving within `timeout`.
  absl::Status Start(absl::Duration timeout = absl::Seconds(60));
  // SIGKILL, then reaps the child. Nothing when it is not running.
  void Kill();
  // SIGTERM, as an orchestrator stops a server, and waits for it to exit;
  // SIGKILL after `timeout`. Its exit status (-1 when killed by a signal
  // or not running).
  int Stop(absl::Duration timeout = absl::Seconds(30));
  const std::string& log_path() const { return log_path_; }
  bool running() const { return pid_ > 0; }
  // The child's process id while it runs (-1 otherwise).
  pid_t pid() const { return pid_; }
  const std::string& address() const { return address_; }
  int starts() const { return starts_; }

 private:
  absl::Status Spawn();
  // True once SERVING; false when the child exited (reaped) or time is up.
  bool WaitServing(absl::Time deadline);

  std::string binary_;
  std::vector<std::string> args_;
  std::string log_path_;
  std::string address_;
  std::string health_name_;
  pid_t pid_ = -1;
  int starts_ = 0;
};

}  // namespace yjinspect::crash
