#include "tests/testing/scripted_health_service.h"

#include <chrono>
#include <utility>

namespace yjinspect::testing {

// The callback-API health service: answers at once from the script.
class ScriptedHealthService::Handler final
    : public grpc::health::v1::Health::CallbackService {
 public:
  void Script(const std::string& service, std::vector<ServingStatus> statuses) {
    absl::MutexLock lock(&mu_);
    scripts_[service] = std::move(statuses);
  }

  std::vector<SeenCheck> checks() const {
    absl::MutexLock lock(&mu_);
    return checks_;
  }

  grpc::ServerUnaryReactor* Check(
      grpc::CallbackServerContext* context,
      const grpc::health::v1::HealthCheckRequest* request,
      grpc::health::v1::HealthCheckResponse* response) override {
    SeenCheck seen;
    seen.service = request->service();
    for (const auto& [key, value] : context->client_metadata()) {
      seen.metadata.emplace(std::string(key.data(), key.size()),
                            std::string(value.data(), value.size()));
    }
    seen.time_left = absl::FromChrono(context->deadline()) - absl::Now();
    grpc::Status status;
    {
      absl::MutexLock lock(&mu_);
      checks_.push_back(std::move(seen));
      auto script = scripts_.find(request->service());
      if (script == scripts_.end() || script->second.empty()) {
        status = grpc::Status(grpc::StatusCode::NOT_FOUND, "unknown service");
      } else {
        size_t& next = next_[request->service()];
        response->set_status(script->second[next]);
        if (next + 1 < script->second.size()) ++next;
      }
    }
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    reactor->Finish(status);
    return reactor;
  }

 private:
  mutable absl::Mutex mu_;
  std::map<std::string, std::vector<ServingStatus>> scripts_
      ABSL_GUARDED_BY(mu_);
  std::map<std::string, size_t> next_ ABSL_GUARDED_BY(mu_);
  std::vector<SeenCheck> checks_ ABSL_GUARDED_BY(mu_);
};

ScriptedHealthService::ScriptedHealthService()
    : handler_(std::make_unique<Handler>()) {
  int port = 0;
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                           &port);
  builder.RegisterService(handler_.get());
  server_ = builder.BuildAndStart();
  if (server_ != nullptr && port != 0) {
    address_ = "127.0.0.1:" + std::to_string(port);
  }
}

ScriptedHealthService::~ScriptedHealthService() { Stop(); }

void ScriptedHealthService::Script(const std::string& service,
                                   std::vector<ServingStatus> statuses) {
  handler_->Script(service, std::move(statuses));
}

std::vector<SeenCheck> ScriptedHealthService::checks() const {
  return handler_->checks();
}

void ScriptedHealthService::Stop() {
  if (server_ == nullptr) return;
  server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(1));
  server_->Wait();
  server_.reset();
}

}  // namespace yjinspect::testing
