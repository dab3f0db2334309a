#pragma once

// The shared set-up of the intake domain classes' unit tests
// (intake_domain_test): a real RocksDB intake store in a temp folder (sync
// off), the built-in frameworks, the development pseudonym key and a fixed
// random source, with CaseIntake, InspectionRegistry, InspectionSampling
// and InspectionLifecycle on that store; helpers that call them and wait,
// with a deadline, for their answer; and readers of what the store holds.
// No gRPC: the classes are called directly, as the service adapter does.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_format.h"
#include "common/audit/audit_chain.h"
#include "common/frameworks/framework_registry.h"
#include "common/resource_names.h"
#include "gtest/gtest.h"
#include "services/intake/case_intake.h"
#include "services/intake/inspection_lifecycle.h"
#include "services/intake/inspection_registry.h"
#include "services/intake/inspection_sampling.h"
#include "services/intake/privacy/reference_pseudonyms.h"
#include "services/intake/storage/intake_store.h"
#include "tests/testing/built_in_frameworks.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/sampled_caseload.h"
#include "tests/testing/temp_dir.h"
#include "yjinspect/v1/audit.pb.h"

namespace yjinspect::intake {

// The inspection of testing::ValidCreateInspectionRequest: sqs-2014 version
// 1 at the YOT "northmoor".
inline constexpr char kYot[] = "northmoor";
inline constexpr char kInspectionId[] = "northmoor-2014";
inline constexpr char kInspection[] = "inspections/northmoor-2014";
// Who the tests say is calling, for the records steps leave.
inline constexpr char kActor[] = "LEAD-1";
// What the injected random source always gives: a draw without a seed is
// drawn with kRandomBits | 1.
inline constexpr uint64_t kRandomBits = 42;

// Long enough for a loaded machine; a healthy answer takes milliseconds.
inline constexpr std::chrono::seconds kAnswerDeadline{30};

// Starts a call with a callback and waits for the answer it is given;
// nullopt (and a test failure) when none comes in time.
template <typename Result, typename Start>
std::optional<Result> AnswerOf(Start&& start) {
  auto answer = std::make_shared<std::promise<Result>>();
  std::future<Result> answered = answer->get_future();
  std::forward<Start>(start)(
      [answer](Result result) { answer->set_value(std::move(result)); });
  if (answered.wait_for(kAnswerDeadline) != std::future_status::ready) {
    ADD_FAILURE() << "no answer within the deadline";
    return std::nullopt;
  }
  return answered.get();
}

// The same for a status or StatusOr answer: DEADLINE_EXCEEDED when none
// comes.
template <typename Result, typename Start>
Result Await(Start&& start) {
  std::optional<Result> answer = AnswerOf<Result>(std::forward<Start>(start));
  if (!answer) return Result(absl::DeadlineExceededError("no answer"));
  return *std::move(answer);
}

using testing::BuiltInFrameworks;

class IntakeDomainTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }
  // The domain classes go before the store they hold a reference to.
  void TearDown() override { CloseDomain(); }

  // Closes the store and opens it again on the same folder (a restart),
  // with new domain classes on it.
  void Reopen() {
    CloseDomain();
    store_.reset();
    auto store = IntakeStore::Open({dir_.Sub("store"), /*sync=*/false, {}, {}});
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
    cases_ = std::make_unique<CaseIntake>(
        *store_, pseudonyms_, [this] { erasures_purged_.fetch_add(1); });
    registry_ =
        std::make_unique<InspectionRegistry>(*store_, BuiltInFrameworks());
    sampling_ = std::make_unique<InspectionSampling>(
        *store_, BuiltInFrameworks(), [] { return kRandomBits; });
    lifecycle_ = std::make_unique<InspectionLifecycle>(*store_);
  }

  // Cases.

  absl::StatusOr<StoredCaseResult> Create(v1::CreateCaseRequest request) {
    return Await<absl::StatusOr<StoredCaseResult>>([&](auto done) {
      cases_->CreateCase(std::move(request), std::move(done));
    });
  }
  std::vector<absl::StatusOr<StoredCaseResult>> CreateMany(
      std::vector<v1::CreateCaseRequest> requests) {
    using Results = std::vector<absl::StatusOr<StoredCaseResult>>;
    return AnswerOf<Results>([&](auto done) {
             cases_->CreateCases(std::move(requests), std::move(done));
           })
        .value_or(Results());
  }
  absl::StatusOr<v1::Case> Update(const v1::UpdateCaseRequest& request) {
    return Await<absl::StatusOr<v1::Case>>(
        [&](auto done) { cases_->UpdateCase(request, std::move(done)); });
  }
  absl::Status Delete(const std::string& name,
                      const common::AuditEvent& audit = {},
                      const std::string& reason = "") {
    v1::DeleteCaseRequest request;
    request.set_name(name);
    request.set_reason(reason);
    return Await<absl::Status>(
        [&](auto done) { cases_->DeleteCase(request, audit, done); });
  }
  // Creates the eligible cases "E-00" .. of kYot; their names, in order.
  std::vector<std::string> AddEligibleCases(int count) {
    std::vector<std::string> names;
    for (int i = 0; i < count; ++i) {
      auto created = Create(testing::EligibleCreateCaseRequest(
          kYot, absl::StrFormat("E-%02d", i)));
      EXPECT_TRUE(created.ok()) << created.status();
      if (created.ok()) names.push_back(created->stored.name());
    }
    return names;
  }
  // The case as stored, with its bookkeeping; nullopt when there is none.
  std::optional<storage::v1::StoredCase> StoredCase(const std::string& name) {
    auto parsed = common::ParseCaseName(name);
    if (!parsed) return std::nullopt;
    auto found = store_->GetCase(parsed->yot, parsed->case_id);
    EXPECT_TRUE(found.ok()) << found.status();
    return found.ok() ? *found : std::nullopt;
  }

  // Inspections.

  // kInspection announced over `cases` new eligible cases of kYot (each
  // checked as it is created); whether the inspection was created.
  bool AnnouncedOver(int cases) {
    AddEligibleCases(cases);
    return CreateInspection().ok();
  }
  absl::StatusOr<v1::Inspection> CreateInspection() {
    return Await<absl::StatusOr<v1::Inspection>>([&](auto done) {
      registry_->CreateInspection(
          testing::ValidCreateInspectionRequest(kInspectionId, kYot), kActor,
          std::move(done));
    });
  }
  absl::StatusOr<v1::Inspection> Draw(int64_t seed,
                                      std::vector<std::string> named = {}) {
    v1::DrawSampleRequest request;
    request.set_name(kInspection);
    request.set_seed(seed);
    for (auto& name : named) request.add_named_cases(std::move(name));
    return Await<absl::StatusOr<v1::Inspection>>([&](auto done) {
      sampling_->DrawSample(std::move(request), kActor, std::move(done));
    });
  }
  absl::StatusOr<v1::Inspection> Reset(const std::string& reason) {
    v1::ResetSampleRequest request;
    request.set_name(kInspection);
    request.set_reason(reason);
    return Await<absl::StatusOr<v1::Inspection>>([&](auto done) {
      sampling_->ResetSample(request, kActor, std::move(done));
    });
  }
  absl::StatusOr<v1::Inspection> StartFieldwork(int32_t sample_revision = 0) {
    v1::StartFieldworkRequest request;
    request.set_name(kInspection);
    request.set_sample_revision(sample_revision);
    return Await<absl::StatusOr<v1::Inspection>>([&](auto done) {
      lifecycle_->StartFieldwork(request, kActor, std::move(done));
    });
  }
  absl::StatusOr<v1::Inspection> Advance(v1::InspectionState to,
                                         const std::string& reason = "") {
    v1::AdvanceInspectionRequest request;
    request.set_name(kInspection);
    request.set_state(to);
    request.set_reason(reason);
    return Await<absl::StatusOr<v1::Inspection>>([&](auto done) {
      lifecycle_->Advance(request, kActor, std::move(done));
    });
  }
  // The inspection as stored.
  std::optional<v1::Inspection> StoredInspection(
      const std::string& id = kInspectionId) {
    auto found = store_->GetInspection(id);
    EXPECT_TRUE(found.ok()) << found.status();
    return found.ok() ? *found : std::nullopt;
  }
  // An inspection with `cases` eligible cases and its sample drawn with
  // `seed`; the inspection as DrawSample answered.
  v1::Inspection InspectionWithSample(int cases = 3, int64_t seed = 11) {
    AddEligibleCases(cases);
    EXPECT_TRUE(CreateInspection().ok());
    auto drawn = Draw(seed);
    EXPECT_TRUE(drawn.ok()) << drawn.status();
    return drawn.ok() ? *drawn : v1::Inspection();
  }

  // The store's logs.

  std::vector<v1::Change> Changes(uint64_t after = 0) {
    auto changes = store_->ReadChanges(after, 10000);
    EXPECT_TRUE(changes.ok()) << changes.status();
    return changes.ok() ? *changes : std::vector<v1::Change>();
  }
  std::vector<v1::AuditRecord> AuditRecords() {
    std::vector<v1::AuditRecord> records;
    auto entries = store_->ReadAuditEntries(0, 10000);
    EXPECT_TRUE(entries.ok()) << entries.status();
    if (!entries.ok()) return records;
    for (const auto& entry : *entries) {
      v1::AuditRecord record;
      EXPECT_TRUE(record.ParseFromString(entry.bytes)) << entry.sequence;
      records.push_back(std::move(record));
    }
    return records;
  }

  testing::TempDir dir_;
  std::unique_ptr<IntakeStore> store_;
  const ReferencePseudonyms pseudonyms_ =
      ReferencePseudonyms::InsecureDevelopmentKey();
  // Times CaseIntake asked for erased content to be purged.
  std::atomic<int> erasures_purged_{0};
  std::unique_ptr<CaseIntake> cases_;
  std::unique_ptr<InspectionRegistry> registry_;
  std::unique_ptr<InspectionSampling> sampling_;
  std::unique_ptr<InspectionLifecycle> lifecycle_;

 private:
  void CloseDomain() {
    lifecycle_.reset();
    sampling_.reset();
    registry_.reset();
    cases_.reset();
  }
};

}  // namespace yjinspect::intake
