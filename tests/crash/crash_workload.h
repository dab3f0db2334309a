#pragma once

// The crash test's workload, the same for a given seed whether or not the
// services crash under it: a synthetic caseload and an inspection with its
// drawn sample, then per cycle, from several client threads at once, new
// cases (bulk streams and single creates, each with a request_id), updates
// of sampled cases (each a change the findings service must follow) and
// judgements recorded on sampled cases. Every call is retried through
// outages until it returns OK; only then is it acknowledged in the ledger.

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "grpcpp/grpcpp.h"
#include "tests/crash/acknowledged_ledger.h"
#include "yjinspect/v1/findings_service.grpc.pb.h"
#include "yjinspect/v1/framework.pb.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::crash {

struct WorkloadOptions {
  uint64_t seed = 1;
  // Client threads writing cases; one more records judgements.
  int clients = 4;
  // Rounds per client and cycle, each of new cases and then updates of
  // about half the client's share of the sample.
  int rounds = 3;
  // New cases per client and round.
  int cases_per_client = 20;
  // Sampled cases judged per cycle.
  int judged_per_cycle = 4;
  // Set on the inspection at setup, when given, so that a report renders.
  std::optional<v1::ReportInputs> report_inputs;
};

class CrashWorkload {
 public:
  // `framework` is the inspection's (sqs-2014 version 1).
  CrashWorkload(WorkloadOptions options, const std::string& intake_address,
                const std::string& findings_address,
                const v1::Framework& framework);

  // The caseload, the inspection and its sample.
  absl::Status Setup();
  // One cycle's calls from every client thread at once; returns when all
  // are acknowledged, or the first error no outage explains.
  absl::Status RunCycle(int cycle);

  const AcknowledgedLedger& ledger() const { return ledger_; }
  const std::string& inspection() const { return inspection_; }
  const std::vector<std::string>& sample() const { return sample_; }
  // Calls repeated after an outage, so far.
  int retries() const { return retries_.load(); }
  int64_t calls() const { return calls_.load(); }

  // Judgements at findings differ from the acknowledged ones: a line per
  // case that differs (empty when they agree).
  absl::StatusOr<std::vector<std::string>> JudgementsDifferingAtFindings();
  absl::StatusOr<v1::InspectionVerdicts> Verdicts();
  // Judges every sampled case the cycles left unjudged (a report is only
  // rendered from the whole sample), then renders the report.
  absl::StatusOr<v1::RenderedReport> Report();

 private:
  absl::Status CreateCases(int cycle, int client, int round);
  absl::Status UpdateSampled(int cycle, int client, int round);
  absl::Status Judge(int cycle);
  absl::Status RecordAnswers(const std::string& case_name,
                             const Answers& answers);
  Answers AnswersFor(int cycle, size_t case_index) const;

  WorkloadOptions options_;
  std::shared_ptr<grpc::Channel> intake_channel_;
  std::shared_ptr<grpc::Channel> findings_channel_;
  // Criteria judged from every case, each with its scale's answers.
  std::vector<std::pair<std::string, std::vector<std::string>>> criteria_;
  AcknowledgedLedger ledger_;
  std::string inspection_;
  std::vector<std::string> sample_;
  std::atomic<int> retries_{0};
  std::atomic<int64_t> calls_{0};
};

}  // namespace yjinspect::crash
