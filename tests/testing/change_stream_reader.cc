#include "tests/testing/change_stream_reader.h"

#include <utility>

#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::testing {

ChangeStreamReader::ChangeStreamReader(std::shared_ptr<grpc::Channel> channel,
                                       uint64_t after_sequence,
                                       uint32_t max_changes_per_message) {
  thread_ = std::thread([this, channel = std::move(channel), after_sequence,
                         max_changes_per_message] {
    Run(channel, after_sequence, max_changes_per_message);
  });
}

ChangeStreamReader::~ChangeStreamReader() {
  Cancel();
  thread_.join();
}

void ChangeStreamReader::Cancel() { context_.TryCancel(); }

void ChangeStreamReader::Run(const std::shared_ptr<grpc::Channel>& channel,
                             uint64_t after_sequence,
                             uint32_t max_changes_per_message) {
  auto stub = v1::CaseIntake::NewStub(channel);
  v1::StreamSampledCasesRequest request;
  request.set_after_sequence(after_sequence);
  request.set_max_changes_per_message(max_changes_per_message);
  auto reader = stub->StreamSampledCases(&context_, request);
  v1::StreamSampledCasesResponse response;
  while (reader->Read(&response)) {
    absl::MutexLock lock(&mu_);
    if (response.has_change()) {
      any_unbatched_ = true;
      response_sizes_.push_back(1 + response.changes_size());
      Keep(std::move(*response.mutable_change()));
    } else {
      response_sizes_.push_back(response.changes_size());
    }
    for (v1::Change& change : *response.mutable_changes()) {
      Keep(std::move(change));
    }
  }
  grpc::Status status = reader->Finish();
  absl::MutexLock lock(&mu_);
  status_ = std::move(status);
}

void ChangeStreamReader::Keep(v1::Change change) {
  last_sequence_ = change.sequence();
  sequences_.push_back(last_sequence_);
  if (change.kind_case() == v1::Change::KIND_NOT_SET) {
    checkpoints_.push_back(last_sequence_);
  } else {
    changes_.push_back(std::move(change));
  }
}

std::vector<int> ChangeStreamReader::response_sizes() const {
  absl::MutexLock lock(&mu_);
  return response_sizes_;
}

bool ChangeStreamReader::any_unbatched() const {
  absl::MutexLock lock(&mu_);
  return any_unbatched_;
}

bool ChangeStreamReader::WaitForSequence(uint64_t sequence,
                                         absl::Duration timeout) {
  absl::MutexLock lock(&mu_);
  auto reached = [this, sequence]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return last_sequence_ >= sequence || status_.has_value();
  };
  mu_.AwaitWithTimeout(absl::Condition(&reached), timeout);
  return last_sequence_ >= sequence;
}

bool ChangeStreamReader::WaitForEnd(absl::Duration timeout) {
  absl::MutexLock lock(&mu_);
  auto ended = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return status_.has_value();
  };
  return mu_.AwaitWithTimeout(absl::Condition(&ended), timeout);
}

std::vector<v1::Change> ChangeStreamReader::changes() const {
  absl::MutexLock lock(&mu_);
  return changes_;
}

std::vector<uint64_t> ChangeStreamReader::checkpoints() const {
  absl::MutexLock lock(&mu_);
  return checkpoints_;
}

std::vector<uint64_t> ChangeStreamReader::sequences() const {
  absl::MutexLock lock(&mu_);
  return sequences_;
}

std::optional<grpc::Status> ChangeStreamReader::status() const {
  absl::MutexLock lock(&mu_);
  return status_;
}

}  // namespace yjinspect::testing
