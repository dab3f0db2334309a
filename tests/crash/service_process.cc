#include "tests/crash/service_process.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/grpcpp.h"

namespace yjinspect::crash {

namespace {

// Binds `port` on loopback (0: any) and returns the port bound, or -1.
int BindLoopback(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port));
  socklen_t length = sizeof(address);
  int bound = -1;
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    bound = ntohs(address.sin_port);
  }
  close(fd);
  return bound;
}

}  // namespace

absl::StatusOr<int> PickFreePort() {
  // Below Linux's ephemeral range (32768 and up), where servers binding
  // port 0 (other tests run in parallel) never land: a killed server's port
  // stays free for its restart.
  std::mt19937 dice(std::random_device{}());
  for (int attempt = 0; attempt < 100; ++attempt) {
    const int port = 20000 + static_cast<int>(dice() % 12000);
    if (BindLoopback(port) == port) return port;
  }
  const int port = BindLoopback(0);
  if (port <= 0) {
    return absl::InternalError(
        absl::StrCat("no free loopback port: ", strerror(errno)));
  }
  return port;
}

ServiceProcess::ServiceProcess(std::string binary,
                               std::vector<std::string> args,
                               std::string log_path, std::string address,
                               std::string health_name)
    : binary_(std::move(binary)),
      args_(std::move(args)),
      log_path_(std::move(log_path)),
      address_(std::move(address)),
      health_name_(std::move(health_name)) {}

ServiceProcess::~ServiceProcess() { Kill(); }

absl::Status ServiceProcess::Spawn() {
  // Everything the child needs is prepared before fork: after it, only
  // async-signal-safe calls until exec.
  std::vector<std::string> argv_strings = {binary_};
  argv_strings.insert(argv_strings.end(), args_.begin(), args_.end());
  std::vector<char*> argv;
  for (std::string& s : argv_strings) argv.push_back(s.data());
  argv.push_back(nullptr);
  const int log_fd =
      open(log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0) {
    return absl::InternalError(
        absl::StrCat("opening ", log_path_, ": ", strerror(errno)));
  }
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) {
    close(log_fd);
    return absl::InternalError(absl::StrCat("fork: ", strerror(errno)));
  }
  if (pid == 0) {
    // Die with the driver, so that a crashed driver leaves no servers.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);
    dup2(log_fd, STDOUT_FILENO);
    dup2(log_fd, STDERR_FILENO);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(log_fd);
  pid_ = pid;
  ++starts_;
  return absl::OkStatus();
}

absl::Status ServiceProcess::Start(absl::Duration timeout) {
  if (running()) return absl::FailedPreconditionError("already running");
  const absl::Time deadline = absl::Now() + timeout;
  while (true) {
    if (absl::Status spawned = Spawn(); !spawned.ok()) return spawned;
    if (WaitServing(deadline)) return absl::OkStatus();
    Kill();  // no-op when it exited by itself
    if (absl::Now() >= deadline) {
      return absl::DeadlineExceededError(
          absl::StrCat(binary_, " is not serving on ", address_, " after ",
                       absl::FormatDuration(timeout), "; see ", log_path_));
    }
    absl::SleepFor(absl::Milliseconds(100));
  }
}

bool ServiceProcess::WaitServing(absl::Time deadline) {
  while (absl::Now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;  // exited: most likely its port was still held
      return false;
    }
    // A fresh channel with its own subchannel each time: a shared one would
    // wait out the reconnect backoff its refused connections earned.
    grpc::ChannelArguments args;
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    auto stub = grpc::health::v1::Health::NewStub(grpc::CreateCustomChannel(
        address_, grpc::InsecureChannelCredentials(), args));
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(1)));
    grpc::health::v1::HealthCheckRequest request;
    request.set_service(health_name_);
    grpc::health::v1::HealthCheckResponse response;
    if (stub->Check(&context, request, &response).ok() &&
        response.status() == grpc::health::v1::HealthCheckResponse::SERVING) {
      return true;
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
  return false;
}

int ServiceProcess::Stop(absl::Duration timeout) {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  const absl::Time deadline = absl::Now() + timeout;
  int status = 0;
  while (true) {
    const pid_t reaped = waitpid(pid_, &status, WNOHANG);
    if (reaped == pid_) break;
    if (reaped < 0 && errno != EINTR) {
      pid_ = -1;
      return -1;
    }
    if (absl::Now() >= deadline) {
      Kill();
      return -1;
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void ServiceProcess::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
}

}  // namespace yjinspect::crash
