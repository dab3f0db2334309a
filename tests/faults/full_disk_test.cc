// A full disk (issue: faults as tests, part 1): the real intake_server and
// findings_server with their stores on a small tmpfs, filled until writes
// fail, then given space back.

#include <sys/mount.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/error_reasons.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/faults/fault_services.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/metrics_scrape.h"
#include "tests/testing/sampled_caseload.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/unary_call.h"
#include "yjinspect/v1/findings_service.grpc.pb.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::faults {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

constexpr char kActor[] = "OPS-FAULTS";
// The servers keep this much of the small disk free.
constexpr char kReserve[] = "--min_free_disk_mb=8";

// A tmpfs of `megabytes` at `path`, unmounted when destroyed. Mounting needs
// root (CAP_SYS_ADMIN); where it is refused, mounted() is false and why()
// says so.
class SmallDisk {
 public:
  SmallDisk(const std::string& path, int megabytes) : path_(path) {
    fs::create_directories(path);
    const std::string options = absl::StrCat("size=", megabytes, "m");
    if (mount("tmpfs", path.c_str(), "tmpfs", 0, options.c_str()) == 0) {
      mounted_ = true;
    } else {
      why_ = absl::StrCat("cannot mount a tmpfs (", std::strerror(errno),
                          "): the full-disk test needs root");
    }
  }
  ~SmallDisk() {
    if (mounted_) umount2(path_.c_str(), MNT_DETACH);
  }
  bool mounted() const { return mounted_; }
  const std::string& why() const { return why_; }
  // Fills all but `keep_kb` of the disk with a file of its own.
  void Fill(const std::string& name, int64_t keep_kb) {
    const fs::space_info space = fs::space(path_);
    const int64_t fill = static_cast<int64_t>(space.available) - keep_kb * 1024;
    std::ofstream out(path_ + "/" + name, std::ios::binary);
    std::string block(1 << 16, 'x');
    for (int64_t written = 0; written < fill; written += block.size()) {
      out.write(block.data(), static_cast<std::streamsize>(std::min<int64_t>(
                                  block.size(), fill - written)));
    }
  }
  void Free(const std::string& name) { fs::remove(path_ + "/" + name); }

 private:
  std::string path_;
  bool mounted_ = false;
  std::string why_;
};

class FullDiskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    disk_ = std::make_unique<SmallDisk>(folder_.Sub("disk"), 64);
    if (!disk_->mounted()) GTEST_SKIP() << disk_->why();
  }

  // Waits until the health status `name` of the server at `address` is
  // `serving`.
  static bool WaitForHealth(const std::string& address, const std::string& name,
                            bool serving) {
    const absl::Time give_up = absl::Now() + absl::Seconds(30);
    while (absl::Now() < give_up) {
      if (HealthServing(address, name) == serving) return true;
      absl::SleepFor(absl::Milliseconds(50));
    }
    return false;
  }

  absl::StatusOr<v1::Case> CreateCase(v1::CaseIntake::Stub& stub, int i) {
    return testing::CallAs(kActor, stub, &v1::CaseIntake::Stub::CreateCase,
                           testing::ValidCreateCaseRequest(
                               "northmoor", absl::StrCat("NM-", 10000 + i)));
  }

  testing::TempDir folder_;
  std::unique_ptr<SmallDisk> disk_;
};

TEST_F(FullDiskTest, IntakeRefusesWritesThenResumesWithNothingLost) {
  auto metrics_port = crash::PickFreePort();
  ASSERT_TRUE(metrics_port.ok());
  auto intake = IntakeProcess(
      folder_.Sub("disk/intake"), folder_.Sub("intake.log"),
      {absl::StrCat("--metrics_listen=127.0.0.1:", *metrics_port), kReserve});
  ASSERT_TRUE(intake.ok());
  crash::ServiceProcess& server = **intake;
  ASSERT_TRUE(server.Start().ok());
  auto stub = v1::CaseIntake::NewStub(Dial(server.address()));
  ASSERT_TRUE(CreateCase(*stub, 0).ok());
  EXPECT_TRUE(WaitForHealth(server.address(), "yjinspect.store", true));
  disk_->Fill("filler", 64);

  // Less than the reserve is free: writes are refused before RocksDB
  // itself runs out.
  std::set<std::string> acknowledged = {"yots/northmoor/cases/NM-10000"};
  absl::Status refusal;
  int next = 1;
  for (; next < 50000 && refusal.ok(); ++next) {
    auto created = CreateCase(*stub, next);
    if (created.ok()) {
      acknowledged.insert(created->name());
    } else {
      refusal = created.status();
    }
  }
  ASSERT_EQ(refusal.code(), absl::StatusCode::kResourceExhausted) << refusal;
  EXPECT_THAT(refusal, testing::HasReason(common::kStoreDiskFull));
  EXPECT_THAT(refusal.message(),
              HasSubstr("The disk holding the store is full: free space or "
                        "grow the volume"));
  EXPECT_THAT(refusal.message(), HasSubstr("MiB kept in reserve"));
  // Every write meanwhile is refused the same way, at once.
  const absl::Time asked = absl::Now();
  EXPECT_EQ(CreateCase(*stub, next).status().code(),
            absl::StatusCode::kResourceExhausted);
  EXPECT_LT(absl::Now() - asked, absl::Seconds(1));

  // Health and metrics say so; the service itself still serves.
  EXPECT_TRUE(WaitForHealth(server.address(), "yjinspect.store", false));
  EXPECT_TRUE(HealthServing(server.address(), "yjinspect.v1.CaseIntake"));
  auto scraped = testing::ScrapeMetrics(*metrics_port);
  ASSERT_TRUE(scraped.ok());
  EXPECT_EQ(testing::SeriesValue(*scraped, "yjinspect_store_writes_refused"),
            1.0);
  EXPECT_THAT(ReadWholeFile(folder_.Sub("intake.log")),
              HasSubstr("the store refuses every write: its disk is full"));
  // A read that needs no audit record is answered; a read of a case is not,
  // since it could not be recorded.
  EXPECT_TRUE(testing::CallAs(kActor, *stub,
                              &v1::CaseIntake::Stub::ListInspections,
                              v1::ListInspectionsRequest())
                  .ok());
  v1::GetCaseRequest get;
  get.set_name("yots/northmoor/cases/NM-10000");
  auto read =
      testing::CallAs(kActor, *stub, &v1::CaseIntake::Stub::GetCase, get);
  EXPECT_EQ(read.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(read.status(), testing::HasReason(common::kAuditNotRecorded));

  // Room again: writes resume without a restart.
  disk_->Free("filler");
  const absl::Time freed = absl::Now();
  absl::StatusOr<v1::Case> resumed = CreateCase(*stub, next);
  while (!resumed.ok() && absl::Now() - freed < absl::Seconds(60)) {
    absl::SleepFor(absl::Milliseconds(100));
    resumed = CreateCase(*stub, next);
  }
  ASSERT_TRUE(resumed.ok()) << resumed.status();
  acknowledged.insert(resumed->name());
  std::cerr << "writes resumed " << absl::Now() - freed
            << " after space was freed\n";
  EXPECT_EQ(server.starts(), 1);
  EXPECT_TRUE(WaitForHealth(server.address(), "yjinspect.store", true));
  EXPECT_THAT(ReadWholeFile(folder_.Sub("intake.log")),
              HasSubstr("the store takes writes again"));

  // Nothing acknowledged was lost, and it stays so across a restart.
  stub.reset();
  ASSERT_EQ(server.Stop(), 0);
  ASSERT_TRUE(server.Start().ok());
  auto stored = StoredCaseNames(server.address(), "northmoor", kActor);
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(*stored, acknowledged);
}

TEST_F(FullDiskTest, FindingsRefusesWritesThenCatchesUpWithNothingLost) {
  auto intake = IntakeProcess(folder_.Sub("intake"), folder_.Sub("intake.log"));
  ASSERT_TRUE(intake.ok());
  ASSERT_TRUE((*intake)->Start().ok());
  auto findings =
      FindingsProcess(folder_.Sub("disk/findings"), folder_.Sub("findings.log"),
                      (*intake)->address(), {kReserve});
  ASSERT_TRUE(findings.ok());
  crash::ServiceProcess& server = **findings;
  ASSERT_TRUE(server.Start().ok());
  auto intake_stub = v1::CaseIntake::NewStub(Dial((*intake)->address()));
  auto stub = v1::Findings::NewStub(Dial(server.address()));
  auto caseload = testing::LoadSampledCaseload(*intake_stub);
  ASSERT_TRUE(caseload.ok()) << caseload.status();
  ASSERT_FALSE(caseload->sampled.empty());
  disk_->Fill("filler", 64);

  // Corrections of sampled cases flow to findings until its disk is short
  // of the reserve: four writers, each correcting its own share of the
  // sample.
  std::vector<v1::Case> sampled;
  for (const std::string& name : caseload->sampled) {
    v1::GetCaseRequest get;
    get.set_name(name);
    auto current = testing::CallAs(kActor, *intake_stub,
                                   &v1::CaseIntake::Stub::GetCase, get);
    ASSERT_TRUE(current.ok()) << current.status();
    sampled.push_back(*current);
  }
  std::atomic<bool> refused{false};
  std::atomic<int> failures{0};
  std::vector<std::thread> writers;
  for (int writer = 0; writer < 4; ++writer) {
    writers.emplace_back([&, writer] {
      auto own = v1::CaseIntake::NewStub(Dial((*intake)->address()));
      for (int round = 0; round < 5000 && !refused; ++round) {
        v1::UpdateCaseRequest update;
        *update.mutable_case_() =
            sampled[(static_cast<size_t>(round) * 4 + writer) % sampled.size()];
        testing::SetLongOffences(*update.mutable_case_(), 20, 200,
                                 absl::StrCat("w", writer, "-", round, "-"));
        if (!testing::CallAs(kActor, *own, &v1::CaseIntake::Stub::UpdateCase,
                             update)
                 .ok()) {
          ++failures;
        }
        if (writer == 0 && round % 100 == 99 &&
            !HealthServing(server.address(), "yjinspect.store")) {
          refused = true;
        }
      }
    });
  }
  for (std::thread& writer : writers) writer.join();
  EXPECT_EQ(failures, 0) << "intake's own disk has room";
  ASSERT_TRUE(refused) << "findings' disk never filled";
  ASSERT_TRUE(HealthServing(server.address(), "yjinspect.v1.Findings"))
      << ReadWholeFile(folder_.Sub("findings.log")).substr(0, 200) << "\n...\n"
      << [&] {
           const std::string log = ReadWholeFile(folder_.Sub("findings.log"));
           return log.substr(log.size() > 3000 ? log.size() - 3000 : 0);
         }();
  auto status =
      testing::CallAs(kActor, *stub, &v1::Findings::Stub::GetFeedStatus,
                      v1::GetFeedStatusRequest());
  ASSERT_TRUE(status.ok()) << status.status();
  EXPECT_GT(status->lag(), 0u);
  v1::GetCaseFindingsRequest read;
  read.set_name(absl::StrCat(
      caseload->inspection.name(), "/caseFindings/",
      caseload->sampled[0].substr(caseload->sampled[0].rfind('/') + 1)));
  auto findings_read = testing::CallAs(
      kActor, *stub, &v1::Findings::Stub::GetCaseFindings, read);
  EXPECT_EQ(findings_read.status().code(), absl::StatusCode::kResourceExhausted)
      << findings_read.status();

  // Room again: findings resumes and catches up, without a restart.
  disk_->Free("filler");
  const absl::Time freed = absl::Now();
  bool caught_up = false;
  while (!caught_up && absl::Now() - freed < absl::Seconds(60)) {
    auto now =
        testing::CallAs(kActor, *stub, &v1::Findings::Stub::GetFeedStatus,
                        v1::GetFeedStatusRequest());
    caught_up = now.ok() && now->connected() && now->lag() == 0 &&
                now->cursor() > 0 && now->cursor() == now->intake_head();
    if (!caught_up) absl::SleepFor(absl::Milliseconds(100));
  }
  const std::string log = ReadWholeFile(folder_.Sub("findings.log"));
  ASSERT_TRUE(caught_up) << log.substr(log.size() > 6000 ? log.size() - 6000
                                                         : 0);
  std::cerr << "findings caught up " << absl::Now() - freed
            << " after space was freed\n";
  EXPECT_EQ(server.starts(), 1);
  EXPECT_TRUE(WaitForHealth(server.address(), "yjinspect.store", true));
}

}  // namespace
}  // namespace yjinspect::faults
