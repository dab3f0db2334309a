// services/findings/fieldwork_gate.h: the gate over gRPC, with no intake
// service in the process. What it can show without one: an intake that
// cannot be reached answers UNAVAILABLE (the code the caller retries on),
// once, promptly, with or without explicit channel credentials. What the
// gate sends (the inspection, the sample revision, the caller's request id)
// needs a real intake: integration/findings_test covers it. How the domain
// uses the gate is case_judgements_test's.
//
// gRPC 1.51 aborts now and then (grpc_cq_internal_unref, "prior > 0") when
// a gate is destroyed right after its callback with no gRPC server in the
// process: the call's last hold on the channel then goes on one of gRPC's
// own callback threads, which shuts down the shared callback queue it runs
// on. A server, or any channel that has made a callback call, holds that
// queue up; the fixture keeps one such gate for the life of the process, so
// the tests see the gate's behaviour and not that abort.

#include "services/findings/fieldwork_gate.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "common/request_id.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"

namespace yjinspect::findings {
namespace {

// A loopback port bound but not listening for as long as this lives: a
// connection to it is refused, and nothing else can take the port.
class RefusingPort {
 public:
  RefusingPort() : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof(address);
    if (fd_ >= 0 &&
        bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) ==
            0 &&
        getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &size) == 0) {
      port_ = ntohs(address.sin_port);
    }
  }
  ~RefusingPort() {
    if (fd_ >= 0) close(fd_);
  }
  RefusingPort(const RefusingPort&) = delete;
  RefusingPort& operator=(const RefusingPort&) = delete;

  // 0 when no port could be bound.
  int port() const { return port_; }
  std::string address() const { return absl::StrCat("127.0.0.1:", port_); }

 private:
  int fd_;
  int port_ = 0;
};

// What StartFieldwork's `done` got, and how often it ran.
struct Answer {
  absl::Notification arrived;
  std::atomic<int> calls{0};
  absl::Status status;

  std::function<void(absl::Status)> Done() {
    return [this](absl::Status s) {
      status = std::move(s);
      if (calls.fetch_add(1) == 0) arrived.Notify();
    };
  }
};

class IntakeFieldworkGateTest : public ::testing::Test {
 protected:
  // See the file comment: one gate that has made a call, kept for the
  // life of the process, holds gRPC's callback threads up.
  static void SetUpTestSuite() {
    static RefusingPort* const nobody = new RefusingPort();
    static FieldworkGate* const kept =
        NewIntakeFieldworkGate(nobody->address()).release();
    static Answer* const answer = new Answer();
    if (answer->calls.load() == 0) {
      kept->StartFieldwork("inspections/kept-2026", 1, answer->Done());
      answer->arrived.WaitForNotificationWithTimeout(absl::Seconds(5));
    }
  }
  void SetUp() override { ASSERT_NE(intake_.port(), 0); }

  RefusingPort intake_;
};

TEST_F(IntakeFieldworkGateTest, AnIntakeThatCannotBeReachedIsUnavailable) {
  auto gate = NewIntakeFieldworkGate(intake_.address());
  Answer answer;
  const absl::Time start = absl::Now();
  gate->StartFieldwork("inspections/northmoor-2026", 1, answer.Done());
  // Well before the call's own 10 s deadline: a refused connection is not
  // waited out.
  ASSERT_TRUE(answer.arrived.WaitForNotificationWithTimeout(absl::Seconds(5)));
  EXPECT_LT(absl::Now() - start, absl::Seconds(5));
  EXPECT_EQ(answer.status.code(), absl::StatusCode::kUnavailable)
      << answer.status;
  EXPECT_EQ(answer.calls.load(), 1);
}

TEST_F(IntakeFieldworkGateTest, ExplicitCredentialsReachTheSameIntake) {
  auto gate = NewIntakeFieldworkGate(intake_.address(),
                                     grpc::InsecureChannelCredentials());
  Answer answer;
  gate->StartFieldwork("inspections/northmoor-2026", 2, answer.Done());
  ASSERT_TRUE(answer.arrived.WaitForNotificationWithTimeout(absl::Seconds(5)));
  EXPECT_EQ(answer.status.code(), absl::StatusCode::kUnavailable)
      << answer.status;
}

// The request id goes out as metadata; without a server only the outcome
// can be seen, and the scope must not change it.
TEST_F(IntakeFieldworkGateTest, EachCallAnswersOnceUnderARequestId) {
  auto gate = NewIntakeFieldworkGate(intake_.address());
  Answer first;
  Answer second;
  {
    common::RequestIdScope scope("req-fieldwork-1");
    gate->StartFieldwork("inspections/northmoor-2026", 1, first.Done());
    gate->StartFieldwork("inspections/southfield-2026", 4, second.Done());
  }
  ASSERT_TRUE(first.arrived.WaitForNotificationWithTimeout(absl::Seconds(5)));
  ASSERT_TRUE(second.arrived.WaitForNotificationWithTimeout(absl::Seconds(5)));
  EXPECT_EQ(first.status.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(second.status.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(first.calls.load(), 1);
  EXPECT_EQ(second.calls.load(), 1);
}

}  // namespace
}  // namespace yjinspect::findings
