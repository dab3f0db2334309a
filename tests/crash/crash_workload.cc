#include "tests/crash/crash_workload.h"

#include <random>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "cli/synthetic_caseload.h"
#include "common/rpc/grpc_status.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/outage.h"
#include "tests/testing/unary_call.h"

namespace yjinspect::crash {
namespace {

using testing::Call;
using testing::FastReconnectChannel;
using testing::Retryable;

constexpr char kYot[] = "northmoor";
// A call that has not come back after an outage this long has hit something
// other than a restart.
constexpr absl::Duration kGiveUpAfter = absl::Minutes(2);
constexpr absl::Duration kCallTimeout = absl::Seconds(5);

// Repeats `attempt` (returning absl::StatusOr) while it fails as an outage
// makes calls fail.
template <typename Attempt>
auto Persist(std::atomic<int>& retries, Attempt attempt)
    -> decltype(attempt()) {
  const absl::Time give_up = absl::Now() + kGiveUpAfter;
  while (true) {
    auto result = attempt();
    if (result.ok() || !Retryable(result.status().code()) ||
        absl::Now() > give_up) {
      return result;
    }
    ++retries;
    absl::SleepFor(absl::Milliseconds(10));
  }
}

// Persist for one unary call, each attempt waiting for the service to be
// back.
template <typename Stub, typename Request, typename Response>
absl::StatusOr<Response> PersistCall(
    std::atomic<int>& retries, Stub& stub,
    grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&,
                                 Response*),
    const Request& request) {
  return Persist(retries, [&] {
    return Call(stub, method, request, kCallTimeout, /*wait_for_ready=*/true);
  });
}

// `status` with what failed before its message, its code kept.
absl::Status Failed(absl::string_view what, const absl::Status& status) {
  return absl::Status(status.code(),
                      absl::StrCat(what, ": ", status.message()));
}

// splitmix64 of the seed and the parts: independent streams per purpose.
uint64_t Mix(uint64_t seed, uint64_t a, uint64_t b = 0, uint64_t c = 0) {
  uint64_t x = seed;
  for (uint64_t part : {a, b, c}) {
    x += 0x9e3779b97f4a7c15ULL + part;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    x ^= x >> 31;
  }
  return x;
}

// One client-streaming bulk load of `requests`.
absl::StatusOr<v1::BatchCreateCasesResponse> BatchCreate(
    v1::CaseIntake::Stub& stub,
    const std::vector<v1::CreateCaseRequest>& requests) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + kCallTimeout));
  context.set_wait_for_ready(true);
  v1::BatchCreateCasesResponse response;
  auto writer = stub.BatchCreateCases(&context, &response);
  v1::BatchCreateCasesRequest chunk;
  for (const auto& request : requests) *chunk.add_requests() = request;
  writer->Write(chunk);
  writer->WritesDone();
  grpc::Status status = writer->Finish();
  if (!status.ok()) return common::FromGrpcStatus(status);
  return response;
}

}  // namespace

CrashWorkload::CrashWorkload(WorkloadOptions options,
                             const std::string& intake_address,
                             const std::string& findings_address,
                             const v1::Framework& framework)
    : options_(std::move(options)),
      intake_channel_(FastReconnectChannel(intake_address)),
      findings_channel_(FastReconnectChannel(findings_address)) {
  for (const v1::Section& section : framework.sections()) {
    if (section.evidence() != v1::EVIDENCE_SOURCE_CASES ||
        section.scope() != v1::CASE_SCOPE_ALL_CASES) {
      continue;
    }
    for (const v1::Criterion& criterion : section.criteria()) {
      for (const v1::AnswerScale& scale : framework.scales()) {
        if (scale.id() != criterion.scale()) continue;
        std::vector<std::string> values;
        for (const v1::AnswerValue& value : scale.values()) {
          values.push_back(value.id());
        }
        criteria_.emplace_back(criterion.id(), std::move(values));
      }
    }
  }
}

absl::Status CrashWorkload::Setup() {
  auto stub = v1::CaseIntake::NewStub(intake_channel_);
  cli::CaseloadSpec spec;
  spec.yot = kYot;
  spec.seed = options_.seed;
  std::vector<v1::CreateCaseRequest> caseload = cli::GenerateCaseload(spec);
  auto loaded = Persist(retries_, [&] { return BatchCreate(*stub, caseload); });
  if (!loaded.ok()) return loaded.status();
  for (size_t i = 0; i < caseload.size(); ++i) {
    v1::Case c = caseload[i].case_();
    c.set_name(loaded->results(static_cast<int>(i)).name());
    ledger_.AcknowledgeCase(c);
  }

  v1::CreateInspectionRequest create =
      testing::ValidCreateInspectionRequest("northmoor-2014", kYot);
  create.set_request_id("crash-inspection");
  auto created = PersistCall(retries_, *stub,
                             &v1::CaseIntake::Stub::CreateInspection, create);
  if (!created.ok()) return created.status();
  inspection_ = created->name();
  v1::DrawSampleRequest draw;
  draw.set_name(inspection_);
  draw.set_seed(static_cast<int64_t>(options_.seed % 1000000007ULL) + 1);
  auto drawn =
      PersistCall(retries_, *stub, &v1::CaseIntake::Stub::DrawSample, draw);
  if (!drawn.ok()) return drawn.status();
  sample_.assign(drawn->sample().cases().begin(),
                 drawn->sample().cases().end());
  if (sample_.empty()) return absl::InternalError("the draw sampled no case");
  // Judgements need the sample at findings: wait until the stream brought
  // every sampled case, as an inspection run does.
  auto findings = v1::Findings::NewStub(findings_channel_);
  v1::GetInspectionProgressRequest progress;
  progress.set_inspection(inspection_);
  const absl::Time give_up = absl::Now() + kGiveUpAfter;
  while (true) {
    auto held = Call(*findings, &v1::Findings::Stub::GetInspectionProgress,
                     progress, kCallTimeout, true);
    if (held.ok() && held->sample_size() == static_cast<int>(sample_.size()) &&
        held->cases_received() == held->sample_size()) {
      break;
    }
    if (absl::Now() > give_up) {
      return absl::DeadlineExceededError(
          "the findings service did not receive the sample");
    }
    absl::SleepFor(absl::Milliseconds(20));
  }
  if (options_.report_inputs) {
    v1::SetReportInputsRequest set;
    set.set_inspection(inspection_);
    *set.mutable_inputs() = *options_.report_inputs;
    auto inputs = PersistCall(retries_, *findings,
                              &v1::Findings::Stub::SetReportInputs, set);
    if (!inputs.ok()) return inputs.status();
  }
  if (criteria_.empty()) {
    return absl::InternalError("the framework has no criterion to judge");
  }
  return absl::OkStatus();
}

absl::Status CrashWorkload::RunCycle(int cycle) {
  absl::Mutex mu;
  absl::Status first_error;
  auto keep = [&](const absl::Status& status) {
    absl::MutexLock lock(&mu);
    if (first_error.ok() && !status.ok()) first_error = status;
  };
  std::vector<std::thread> threads;
  for (int client = 0; client < options_.clients; ++client) {
    // Rounds of new cases and updates, so that stream traffic and new
    // cases interleave through the whole cycle.
    threads.emplace_back([&, client] {
      for (int round = 0; round < options_.rounds; ++round) {
        absl::Status status = CreateCases(cycle, client, round);
        if (status.ok()) status = UpdateSampled(cycle, client, round);
        keep(status);
        if (!status.ok()) return;
      }
    });
  }
  threads.emplace_back([&] { keep(Judge(cycle)); });
  for (auto& thread : threads) thread.join();
  return first_error;
}

absl::Status CrashWorkload::CreateCases(int cycle, int client, int round) {
  auto stub = v1::CaseIntake::NewStub(intake_channel_);
  cli::CaseloadSpec spec;
  spec.yot = kYot;
  spec.cases = options_.cases_per_client;
  spec.seed =
      Mix(options_.seed, 1, static_cast<uint64_t>(cycle),
          static_cast<uint64_t>(client) * 100 + static_cast<uint64_t>(round));
  spec.case_prefix = absl::StrFormat("K%dT%dR%d", cycle, client, round);
  std::vector<v1::CreateCaseRequest> requests = cli::GenerateCaseload(spec);
  for (size_t k = 0; k < requests.size(); ++k) {
    requests[k].set_request_id(
        absl::StrFormat("crash-%d-%d-%d-%d", cycle, client, round, k));
  }
  // Half the clients bulk-load, half create case by case, alternating.
  if ((cycle + client + round) % 2 == 0) {
    ++calls_;
    auto loaded =
        Persist(retries_, [&] { return BatchCreate(*stub, requests); });
    if (!loaded.ok()) {
      return Failed("bulk load", loaded.status());
    }
    if (loaded->results_size() != static_cast<int>(requests.size())) {
      return absl::InternalError("bulk load: a result per case is missing");
    }
    for (size_t k = 0; k < requests.size(); ++k) {
      const auto& result = loaded->results(static_cast<int>(k));
      if (result.status().code() != 0) {
        return absl::InternalError(absl::StrCat("bulk load refused ",
                                                requests[k].case_id(), ": ",
                                                result.status().message()));
      }
      v1::Case c = requests[k].case_();
      c.set_name(result.name());
      ledger_.AcknowledgeCase(c);
    }
    return absl::OkStatus();
  }
  for (const auto& request : requests) {
    ++calls_;
    auto created = PersistCall(retries_, *stub,
                               &v1::CaseIntake::Stub::CreateCase, request);
    if (!created.ok()) {
      return Failed(absl::StrCat("create ", request.case_id()),
                    created.status());
    }
    ledger_.AcknowledgeCase(*created);
  }
  return absl::OkStatus();
}

absl::Status CrashWorkload::UpdateSampled(int cycle, int client, int round) {
  auto stub = v1::CaseIntake::NewStub(intake_channel_);
  for (size_t i = static_cast<size_t>(client); i < sample_.size();
       i += static_cast<size_t>(options_.clients)) {
    // About half its sampled cases each round, different ones each time.
    if (Mix(options_.seed, 2,
            static_cast<uint64_t>(cycle) * 100 + static_cast<uint64_t>(round),
            i) %
            2 ==
        0) {
      continue;
    }
    v1::UpdateCaseRequest update;
    if (!ledger_.Find(sample_[i], update.mutable_case_())) {
      return absl::InternalError(
          absl::StrCat("sampled case ", sample_[i], " was never acknowledged"));
    }
    v1::Case& c = *update.mutable_case_();
    c.set_case_manager_reference(
        absl::StrFormat("STAFF-%d-%d-%d", cycle, round, i));
    // Offence descriptions of the full 200 characters: a change of a few KB.
    for (int k = 0; k < c.offences_size(); ++k) {
      std::string description = absl::StrFormat(
          "cycle %d round %d correction of offence %d ", cycle, round, k);
      description.resize(200, 'x');
      c.mutable_offences(k)->set_description(description);
    }
    ++calls_;
    auto updated =
        PersistCall(retries_, *stub, &v1::CaseIntake::Stub::UpdateCase, update);
    if (!updated.ok()) {
      return Failed(absl::StrCat("update ", sample_[i]), updated.status());
    }
    ledger_.AcknowledgeCase(*updated);
  }
  return absl::OkStatus();
}

Answers CrashWorkload::AnswersFor(int cycle, size_t case_index) const {
  std::mt19937_64 dice(
      Mix(options_.seed, 3, static_cast<uint64_t>(cycle), case_index));
  Answers answers;
  for (const auto& [criterion, values] : criteria_) {
    answers[criterion] = values[dice() % values.size()];
  }
  return answers;
}

absl::Status CrashWorkload::Judge(int cycle) {
  for (int j = 0; j < options_.judged_per_cycle; ++j) {
    const size_t index =
        static_cast<size_t>(cycle * options_.judged_per_cycle + j) %
        sample_.size();
    const Answers answers = AnswersFor(cycle, index);
    ++calls_;
    absl::Status recorded = RecordAnswers(sample_[index], answers);
    if (!recorded.ok()) return recorded;
    ledger_.AcknowledgeJudgements(sample_[index], answers);
  }
  return absl::OkStatus();
}

absl::Status CrashWorkload::RecordAnswers(const std::string& case_name,
                                          const Answers& answers) {
  auto stub = v1::Findings::NewStub(findings_channel_);
  v1::GetCaseFindingsRequest get;
  get.set_name(absl::StrCat(inspection_, "/caseFindings/",
                            case_name.substr(case_name.rfind('/') + 1)));
  v1::RecordJudgementsRequest record;
  record.set_inspection(inspection_);
  record.set_case_(case_name);
  record.set_inspector_reference("INSP-CRASH");
  for (const auto& [criterion, answer] : answers) {
    v1::Judgement* judgement = record.add_judgements();
    judgement->set_criterion_id(criterion);
    judgement->set_answer(answer);
  }
  // Read, then record with the etag read: a retry after an outage that did
  // record finds its own answers (or records them again, changing nothing).
  // ABORTED means an earlier attempt landed after the read: read again.
  const absl::Time give_up = absl::Now() + kGiveUpAfter;
  while (true) {
    auto current = Call(*stub, &v1::Findings::Stub::GetCaseFindings, get,
                        kCallTimeout, true);
    absl::Status status = current.status();
    if (current.ok() ||
        current.status().code() == absl::StatusCode::kNotFound) {
      record.set_etag(current.ok() ? current->etag() : "");
      auto recorded = Call(*stub, &v1::Findings::Stub::RecordJudgements, record,
                           kCallTimeout, true);
      if (recorded.ok()) return absl::OkStatus();
      status = recorded.status();
    }
    if ((!Retryable(status.code()) &&
         status.code() != absl::StatusCode::kAborted) ||
        absl::Now() > give_up) {
      return Failed(absl::StrCat("judging ", case_name), status);
    }
    ++retries_;
    absl::SleepFor(absl::Milliseconds(10));
  }
}

absl::StatusOr<std::vector<std::string>>
CrashWorkload::JudgementsDifferingAtFindings() {
  auto stub = v1::Findings::NewStub(findings_channel_);
  std::map<std::string, Answers> held;
  v1::ListCaseFindingsRequest list;
  list.set_parent(inspection_);
  list.set_page_size(1000);
  do {
    auto page = PersistCall(retries_, *stub,
                            &v1::Findings::Stub::ListCaseFindings, list);
    if (!page.ok()) return page.status();
    for (const v1::CaseFindings& findings : page->case_findings()) {
      Answers& answers = held[findings.case_()];
      for (const v1::Judgement& j : findings.judgements()) {
        answers[j.criterion_id()] = j.answer();
      }
    }
    list.set_page_token(page->next_page_token());
  } while (!list.page_token().empty());
  std::vector<std::string> differing;
  const std::map<std::string, Answers> acknowledged = ledger_.Judgements();
  for (const auto& [name, answers] : acknowledged) {
    auto it = held.find(name);
    if (it == held.end()) {
      differing.push_back(absl::StrCat(name, ": acknowledged, not held"));
    } else if (it->second != answers) {
      differing.push_back(absl::StrCat(name, ": held answers differ"));
    }
  }
  for (const auto& [name, answers] : held) {
    if (acknowledged.count(name) == 0) {
      differing.push_back(absl::StrCat(name, ": held, never acknowledged"));
    }
  }
  return differing;
}

absl::StatusOr<v1::InspectionVerdicts> CrashWorkload::Verdicts() {
  auto stub = v1::Findings::NewStub(findings_channel_);
  v1::GetVerdictsRequest request;
  request.set_inspection(inspection_);
  return PersistCall(retries_, *stub, &v1::Findings::Stub::GetVerdicts,
                     request);
}

absl::StatusOr<v1::RenderedReport> CrashWorkload::Report() {
  // A report speaks of the whole sample, so the findings service renders
  // one only once every sampled case is judged: judge the ones the cycles
  // did not reach, deterministically, as a crash-free run would.
  const std::map<std::string, Answers> judged = ledger_.Judgements();
  for (size_t index = 0; index < sample_.size(); ++index) {
    if (judged.count(sample_[index]) > 0) continue;
    const Answers answers = AnswersFor(0, index);
    ++calls_;
    absl::Status recorded = RecordAnswers(sample_[index], answers);
    if (!recorded.ok()) return recorded;
    ledger_.AcknowledgeJudgements(sample_[index], answers);
  }
  auto stub = v1::Findings::NewStub(findings_channel_);
  v1::RenderReportRequest request;
  request.set_inspection(inspection_);
  return PersistCall(retries_, *stub, &v1::Findings::Stub::RenderReport,
                     request);
}

}  // namespace yjinspect::crash
