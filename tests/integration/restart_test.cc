// Restarts of either side while the findings service follows intake's case
// stream: it resumes after its cursor, loses nothing and applies nothing
// twice. The last test restarts both sides at random under a steady flow of
// new cases and corrections and then compares the two stores exactly.

#include <atomic>
#include <cstdint>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/synthetic_caseload.h"
#include "google/protobuf/util/message_differencer.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/findings_harness.h"
#include "tests/testing/intake_harness.h"
#include "tests/testing/outage.h"
#include "tests/testing/sampled_caseload.h"
#include "tests/testing/unary_call.h"
#include "tests/testing/wait_until.h"

namespace yjinspect {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using testing::Call;
using testing::FastReconnectChannel;
using testing::FindingsHarness;
using testing::IntakeHarness;
using testing::Retryable;

constexpr absl::Duration kCatchUpTimeout = absl::Seconds(30);

class RestartTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // A realistic caseload of 300 cases in one bulk load, then the sample.
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
    v1::BatchCreateCasesResponse loaded;
    auto writer = intake_.stub().BatchCreateCases(&context, &loaded);
    v1::BatchCreateCasesRequest chunk;
    for (auto& request : cli::GenerateCaseload(cli::CaseloadSpec())) {
      *chunk.add_requests() = std::move(request);
    }
    ASSERT_TRUE(writer->Write(chunk));
    ASSERT_TRUE(writer->WritesDone());
    grpc::Status status = writer->Finish();
    ASSERT_TRUE(status.ok()) << status.error_message();
    ASSERT_EQ(loaded.created_count(), chunk.requests_size());
    auto inspection =
        Call(intake_.stub(), &v1::CaseIntake::Stub::CreateInspection,
             testing::ValidCreateInspectionRequest());
    ASSERT_TRUE(inspection.ok()) << inspection.status();
    v1::DrawSampleRequest draw;
    draw.set_name(inspection->name());
    draw.set_seed(2014);
    auto drawn = Call(intake_.stub(), &v1::CaseIntake::Stub::DrawSample, draw);
    ASSERT_TRUE(drawn.ok()) << drawn.status();
    sample_.assign(drawn->sample().cases().begin(),
                   drawn->sample().cases().end());
    ASSERT_GE(sample_.size(), 30u);
    drawn_at_ = Head();
    ASSERT_TRUE(CaughtUp());
  }

  uint64_t Head() { return intake_.server().store().HeadSequence(); }
  uint64_t Cursor() { return findings_.server().store().Cursor(); }
  bool CaughtUp() {
    return findings_.server().feed().WaitForCursor(Head(), kCatchUpTimeout);
  }

  // Where a backlog began (findings caught up) and intake's head after it.
  struct Backlog {
    uint64_t start = 0;
    uint64_t head = 0;
  };

  // From findings caught up, stops findings, makes a backlog of 3000
  // corrections while it is away, starts it again and waits until it is
  // part-way (300 changes past the start) through.
  void StartMidBacklog(Backlog* backlog) {
    backlog->start = Cursor();
    ASSERT_EQ(backlog->start, Head());
    findings_.Stop();
    Correct(3000, "backlog");
    backlog->head = Head();
    findings_.Start();
    ASSERT_TRUE(testing::WaitUntil(
        [&] { return Cursor() >= backlog->start + 300; }, kCatchUpTimeout))
        << "findings did not start on the backlog";
  }

  // Intake's current content of the sampled cases.
  std::vector<v1::Case> SampledAtIntake() {
    std::vector<v1::Case> cases;
    for (const std::string& name : sample_) {
      v1::GetCaseRequest get;
      get.set_name(name);
      auto c = Call(intake_.stub(), &v1::CaseIntake::Stub::GetCase, get);
      EXPECT_TRUE(c.ok()) << c.status();
      if (c.ok()) cases.push_back(*c);
    }
    return cases;
  }

  // `count` corrections of sampled cases, each new content of 20 offences
  // with 200-character descriptions (about 5 KB a change), from 4 clients.
  void Correct(int count, const std::string& tag) {
    const std::vector<v1::Case> cases = SampledAtIntake();
    ASSERT_EQ(cases.size(), sample_.size());
    constexpr int kClients = 4;
    std::atomic<int> failures{0};
    std::vector<std::thread> clients;
    for (int t = 0; t < kClients; ++t) {
      clients.emplace_back([&, t] {
        auto stub = v1::CaseIntake::NewStub(intake_.channel());
        for (int i = t; i < count; i += kClients) {
          v1::UpdateCaseRequest update;
          *update.mutable_case_() =
              cases[static_cast<size_t>(i) % cases.size()];
          testing::SetLongOffences(*update.mutable_case_(), 20, 200,
                                   absl::StrCat(tag, " ", i));
          if (!Call(*stub, &v1::CaseIntake::Stub::UpdateCase, update).ok()) {
            ++failures;
          }
        }
      });
    }
    for (auto& client : clients) client.join();
    ASSERT_EQ(failures.load(), 0);
  }

  // Entries of intake's log marked for the findings service with a
  // sequence in (after, upto].
  uint64_t ForFindings(uint64_t after, uint64_t upto) {
    uint64_t count = 0;
    auto changes = intake_.server().store().ReadChanges(after, 10000000);
    EXPECT_TRUE(changes.ok()) << changes.status();
    if (!changes.ok()) return 0;
    for (const auto& change : *changes) {
      if (change.sequence() <= upto && change.for_findings()) ++count;
    }
    return count;
  }

  // The findings store holds exactly the sample, each case as intake holds
  // it now, and its cursor is intake's head.
  void ExpectFindingsMirrorIntake() {
    EXPECT_EQ(Cursor(), Head());
    auto held = findings_.server().store().AllCasesForTest();
    ASSERT_TRUE(held.ok()) << held.status();
    std::map<std::string, v1::Case> by_name;
    for (auto& c : *held) by_name[c.name()] = std::move(c);
    std::set<std::string> names;
    for (const auto& [name, c] : by_name) names.insert(name);
    EXPECT_EQ(names, std::set<std::string>(sample_.begin(), sample_.end()));
    int differing = 0;
    for (const v1::Case& at_intake : SampledAtIntake()) {
      auto it = by_name.find(at_intake.name());
      if (it == by_name.end()) continue;
      if (!MessageDifferencer::Equals(it->second, at_intake)) ++differing;
    }
    EXPECT_EQ(differing, 0) << "sampled cases whose findings copy is stale";
  }

  IntakeHarness intake_{/*sync=*/false};
  FindingsHarness findings_{intake_.address(), /*sync=*/false};
  std::vector<std::string> sample_;
  uint64_t drawn_at_ = 0;
};

TEST_F(RestartTest, IntakeRestartedMidStreamLosesNothing) {
  // A backlog the findings service has not seen.
  Backlog backlog;
  ASSERT_NO_FATAL_FAILURE(StartMidBacklog(&backlog));

  // Cut every call at once, as a crash would, and come back.
  intake_.server().Shutdown(absl::ZeroDuration());
  const uint64_t cut_at = Cursor();
  intake_.Restart();
  EXPECT_LT(cut_at, backlog.head) << "findings had caught up before the cut";
  std::cout << "[ cut      ] intake stopped with findings at " << cut_at
            << " of " << backlog.head << "\n";
  Correct(100, "after the restart");

  ASSERT_TRUE(CaughtUp());
  EXPECT_EQ(findings_.server().feed().Status().applied_since_start(),
            ForFindings(backlog.start, Head()));
  ExpectFindingsMirrorIntake();
}

TEST_F(RestartTest, FindingsRestartedMidStreamResumesAfterItsCursor) {
  Backlog backlog;
  ASSERT_NO_FATAL_FAILURE(StartMidBacklog(&backlog));

  findings_.server().Shutdown(absl::ZeroDuration());
  const uint64_t cut_at = Cursor();
  const uint64_t applied_before =
      findings_.server().feed().Status().applied_since_start();
  EXPECT_LT(cut_at, backlog.head) << "findings had caught up before the cut";
  std::cout << "[ cut      ] findings stopped at " << cut_at << " of "
            << backlog.head << "\n";
  EXPECT_EQ(applied_before, ForFindings(backlog.start, cut_at));
  findings_.Restart();

  ASSERT_TRUE(CaughtUp());
  // The new process applied exactly what came after its cursor.
  EXPECT_EQ(findings_.server().feed().Status().applied_since_start(),
            ForFindings(cut_at, Head()));
  ExpectFindingsMirrorIntake();
}

// Victims' cases are delivered as cases are. A second YOT inspected under
// hmip-youth-2025 has its victims' pool drawn while findings is away, and
// its sampled victims' cases are corrected all through a backlog of case
// corrections; findings is cut part-way through delivering it and
// restarted: every sampled victim's case arrives once, as intake holds it.
TEST_F(RestartTest, FindingsRestartedMidDeliveryOfVictimsCasesLosesNone) {
  const uint64_t start = Cursor();
  ASSERT_EQ(start, Head());
  findings_.Stop();

  constexpr char kYot[] = "eastvale";
  ASSERT_TRUE(Call(intake_.stub(), &v1::CaseIntake::Stub::CreateCase,
                   testing::ValidCreateCaseRequest(kYot, "E-1"))
                  .ok());
  for (int i = 0; i < 30; ++i) {
    ASSERT_TRUE(Call(intake_.stub(), &v1::CaseIntake::Stub::CreateVictimCase,
                     testing::ValidCreateVictimCaseRequest(
                         kYot, absl::StrFormat("V-%02d", i), "E-1"))
                    .ok());
  }
  v1::CreateInspectionRequest create =
      testing::ValidCreateInspectionRequest("eastvale-2025", kYot);
  create.mutable_inspection()->set_framework_id("hmip-youth-2025");
  create.mutable_inspection()->set_framework_version("1");
  auto inspection =
      Call(intake_.stub(), &v1::CaseIntake::Stub::CreateInspection, create);
  ASSERT_TRUE(inspection.ok()) << inspection.status();
  v1::DrawSampleRequest draw;
  draw.set_name(inspection->name());
  draw.set_seed(2025);
  auto drawn = Call(intake_.stub(), &v1::CaseIntake::Stub::DrawSample, draw);
  ASSERT_TRUE(drawn.ok()) << drawn.status();
  std::vector<std::string> victims;
  for (const std::string& name : drawn->sample().cases()) {
    if (absl::StrContains(name, "/victimCases/")) {
      victims.push_back(name);
    } else {
      sample_.push_back(name);  // the YOT's child's case
    }
  }
  ASSERT_GE(victims.size(), 9u) << "the victims' pool's minimum";

  // Corrections of cases, with a correction of a sampled victim's case
  // after every fifth, from 4 clients: victims' changes run through the
  // whole backlog.
  const std::vector<v1::Case> cases = SampledAtIntake();
  constexpr int kCorrections = 3000;
  constexpr int kClients = 4;
  std::atomic<int> failures{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < kClients; ++t) {
    clients.emplace_back([&, t] {
      auto stub = v1::CaseIntake::NewStub(intake_.channel());
      for (int i = t; i < kCorrections; i += kClients) {
        v1::UpdateCaseRequest update;
        *update.mutable_case_() = cases[static_cast<size_t>(i) % cases.size()];
        testing::SetLongOffences(*update.mutable_case_(), 20, 200,
                                 absl::StrCat("victims backlog ", i));
        if (!Call(*stub, &v1::CaseIntake::Stub::UpdateCase, update).ok()) {
          ++failures;
        }
        if (i % 5 != 0) continue;
        // Each victim's case alternates between two lists of services, so
        // that every correction is new content.
        const size_t k = static_cast<size_t>(i / 5);
        v1::UpdateVictimCaseRequest victim;
        victim.mutable_victim_case()->set_name(victims[k % victims.size()]);
        victim.mutable_victim_case()->add_services_wanted(
            v1::VICTIM_SERVICE_INFORMATION);
        if ((k / victims.size()) % 2 == 0) {
          victim.mutable_victim_case()->add_services_wanted(
              v1::VICTIM_SERVICE_SUPPORT);
        }
        victim.mutable_update_mask()->add_paths("services_wanted");
        if (!Call(*stub, &v1::CaseIntake::Stub::UpdateVictimCase, victim)
                 .ok()) {
          ++failures;
        }
      }
    });
  }
  for (auto& client : clients) client.join();
  ASSERT_EQ(failures.load(), 0);
  const uint64_t head = Head();

  findings_.Start();
  ASSERT_TRUE(testing::WaitUntil([&] { return Cursor() >= start + 300; },
                                 kCatchUpTimeout));
  findings_.server().Shutdown(absl::ZeroDuration());
  const uint64_t cut_at = Cursor();
  EXPECT_LT(cut_at, head) << "findings had caught up before the cut";
  std::cout << "[ cut      ] findings stopped at " << cut_at << " of " << head
            << " (victims' changes from " << start << ")\n";
  findings_.Restart();
  ASSERT_TRUE(CaughtUp());

  EXPECT_EQ(findings_.server().feed().Status().applied_since_start(),
            ForFindings(cut_at, Head()));
  auto held = findings_.server().store().AllVictimCasesForTest();
  ASSERT_TRUE(held.ok()) << held.status();
  std::map<std::string, v1::VictimCase> by_name;
  for (auto& v : *held) by_name[v.name()] = std::move(v);
  ASSERT_EQ(by_name.size(), victims.size());
  for (const std::string& name : victims) {
    v1::GetVictimCaseRequest get;
    get.set_name(name);
    auto at_intake =
        Call(intake_.stub(), &v1::CaseIntake::Stub::GetVictimCase, get);
    ASSERT_TRUE(at_intake.ok()) << at_intake.status();
    auto it = by_name.find(name);
    ASSERT_NE(it, by_name.end()) << name << " never reached findings";
    EXPECT_TRUE(MessageDifferencer::Equals(it->second, *at_intake))
        << name << " is stale at findings";
  }
  ExpectFindingsMirrorIntake();
}

// Keeps creating cases (not sampled: nothing for findings) and correcting
// sampled ones (each a change for findings, of about 5 KB) until stopped,
// retrying what fails while intake restarts: a create with the same request_id,
// a correction with the same content.
class SteadyWriter {
 public:
  SteadyWriter(const std::string& address, std::vector<v1::Case> sampled)
      : channel_(FastReconnectChannel(address)),
        stub_(v1::CaseIntake::NewStub(channel_)),
        sampled_(std::move(sampled)) {
    thread_ = std::thread([this] { Run(); });
  }
  ~SteadyWriter() { Stop(); }

  void Stop() {
    stopping_ = true;
    if (thread_.joinable()) thread_.join();
  }

  // Valid after Stop().
  int created() const { return created_; }
  int corrected() const { return corrected_; }
  int retried() const { return retried_; }
  const std::vector<std::string>& errors() const { return errors_; }
  // The last acknowledged content of each corrected case.
  const std::map<std::string, v1::Case>& acknowledged() const {
    return acknowledged_;
  }

 private:
  // Calls `method` with `request` until OK, each attempt waiting for intake
  // to be back; false (with the error kept) on an error no restart
  // explains, or after a minute.
  template <typename Request, typename Response>
  bool Retry(const std::string& what,
             grpc::Status (v1::CaseIntake::Stub::*method)(grpc::ClientContext*,
                                                          const Request&,
                                                          Response*),
             const Request& request, Response* out) {
    const absl::Time give_up = absl::Now() + absl::Minutes(1);
    while (true) {
      absl::StatusOr<Response> result =
          Call(*stub_, method, request, absl::Seconds(2),
               /*wait_for_ready=*/true);
      if (result.ok()) {
        *out = *std::move(result);
        return true;
      }
      if (!Retryable(result.status().code()) || absl::Now() > give_up) {
        errors_.push_back(absl::StrCat(what, ": ", result.status().ToString()));
        return false;
      }
      ++retried_;
    }
  }

  void Run() {
    for (int i = 0; !stopping_; ++i) {
      v1::CreateCaseRequest create = testing::EligibleCreateCaseRequest(
          "northmoor", absl::StrFormat("W-%05d", i));
      create.set_request_id(absl::StrFormat("steady-writer-%05d", i));
      v1::Case created;
      if (!Retry(create.case_id(), &v1::CaseIntake::Stub::CreateCase, create,
                 &created)) {
        return;
      }
      ++created_;

      // Corrections in a row, so that the change after any cursor is often
      // one for findings too.
      for (int k = 0; k < kCorrectionsPerCase; ++k) {
        const size_t at = next_target_++ % sampled_.size();
        v1::Case& target = sampled_[at];
        v1::UpdateCaseRequest update;
        *update.mutable_case_() = target;
        const std::string variant = absl::StrFormat("W%05d-%d", i, k);
        update.mutable_case_()->set_case_manager_reference(
            absl::StrCat("STAFF-", variant));
        testing::SetLongOffences(*update.mutable_case_(), 20, 200, variant);
        v1::Case corrected;
        if (!Retry(target.name(), &v1::CaseIntake::Stub::UpdateCase, update,
                   &corrected)) {
          return;
        }
        ++corrected_;
        target = corrected;
        acknowledged_[corrected.name()] = corrected;
      }
      absl::SleepFor(absl::Milliseconds(2));  // a steady pace, not a flood
    }
  }

  static constexpr int kCorrectionsPerCase = 3;

  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::CaseIntake::Stub> stub_;
  std::vector<v1::Case> sampled_;
  size_t next_target_ = 0;
  std::atomic<bool> stopping_{false};
  int created_ = 0;
  int corrected_ = 0;
  int retried_ = 0;
  std::vector<std::string> errors_;
  std::map<std::string, v1::Case> acknowledged_;
  std::thread thread_;
};

TEST_F(RestartTest, RandomRestartsOfBothSidesLoseAndDuplicateNothing) {
  constexpr uint32_t kSeed = 20141215;
  constexpr int kRestarts = 20;
  std::mt19937 random(kSeed);
  const int cases_before = 300;

  SteadyWriter writer(intake_.address(), SampledAtIntake());
  uint64_t applied = 0;  // by every findings process, summed
  int intake_graceful = 0, intake_abrupt = 0, findings_restarts = 0;
  for (int r = 0; r < kRestarts; ++r) {
    // Let some changes flow through to findings before the next restart.
    const uint64_t target = Cursor() + 10 + random() % 60;
    ASSERT_TRUE(
        testing::WaitUntil([&] { return Cursor() >= target; }, kCatchUpTimeout))
        << "restart " << r << ": findings stuck at " << Cursor()
        << ", intake head " << Head() << ", feed "
        << findings_.server().feed().Status().ShortDebugString();
    switch (random() % 3) {
      case 0:
        intake_.Restart();  // graceful: streams drain, calls finish
        ++intake_graceful;
        break;
      case 1:
        intake_.server().Shutdown(absl::ZeroDuration());
        intake_.Restart();
        ++intake_abrupt;
        break;
      default:
        findings_.server().Shutdown(absl::ZeroDuration());
        applied += findings_.server().feed().Status().applied_since_start();
        findings_.Restart();
        ++findings_restarts;
        break;
    }
  }
  writer.Stop();
  ASSERT_TRUE(writer.errors().empty()) << writer.errors().front();
  ASSERT_TRUE(CaughtUp());
  applied += findings_.server().feed().Status().applied_since_start();

  // Intake lost nothing: every case created, every correction logged once
  // (a retried correction that had been committed adds nothing).
  auto cases = intake_.server().store().ScanCases("northmoor", "", 10000000);
  ASSERT_TRUE(cases.ok()) << cases.status();
  EXPECT_EQ(cases->size(),
            static_cast<size_t>(cases_before + writer.created()));
  EXPECT_EQ(ForFindings(drawn_at_, Head()),
            static_cast<uint64_t>(writer.corrected()));
  for (const v1::Case& c : SampledAtIntake()) {
    auto it = writer.acknowledged().find(c.name());
    if (it == writer.acknowledged().end()) continue;
    EXPECT_EQ(c.etag(), it->second.etag()) << c.name();
  }
  // Findings ended at intake's head with intake's content of every sampled
  // case, and its processes together applied exactly as many changes as
  // the log holds for it (checkpoints move the cursor but are not changes):
  // none lost, none applied twice.
  const uint64_t for_findings = ForFindings(0, Head());
  EXPECT_EQ(applied, for_findings);
  ExpectFindingsMirrorIntake();

  std::cout << "[ restarts ] seed " << kSeed << ": " << kRestarts
            << " restarts (intake " << intake_graceful << " graceful, "
            << intake_abrupt << " abrupt; findings " << findings_restarts
            << "); writer created " << writer.created() << " cases, made "
            << writer.corrected() << " corrections of " << sample_.size()
            << " sampled cases, retried " << writer.retried()
            << " calls; findings applied " << applied << " entries for "
            << for_findings << " changes up to " << Head() << "\n";
}

}  // namespace
}  // namespace yjinspect
