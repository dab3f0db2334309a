// cli/client/service_config.h: the built-in service config names real
// methods, retries only UNAVAILABLE and only methods safe to repeat, and
// Connect()'s channels follow it: against a CaseIntake stand-in on
// 127.0.0.1:0 that answers UNAVAILABLE once, a retried method succeeds on
// its second attempt and a method outside the policy fails at the first.

#include "cli/client/service_config.h"

#include <atomic>
#include <chrono>
#include <set>
#include <string>

#include "cli/client/rpc_client.h"
#include "common/rpc/call_edge.h"
#include "gmock/gmock.h"
#include "google/protobuf/descriptor.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "yjinspect/v1/admin_service.grpc.pb.h"
#include "yjinspect/v1/audit.grpc.pb.h"
#include "yjinspect/v1/findings_service.grpc.pb.h"
#include "yjinspect/v1/frameworks_service.grpc.pb.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::cli {
namespace {

// "yjinspect.v1.CaseIntake/GetCase" for each method the config names.
std::set<std::string> Named(const nlohmann::json& config, bool retried) {
  std::set<std::string> names;
  for (const auto& method_config : config["methodConfig"]) {
    if (method_config.contains("retryPolicy") != retried) continue;
    for (const auto& name : method_config["name"]) {
      names.insert(name["service"].get<std::string>() + "/" +
                   name["method"].get<std::string>());
    }
  }
  return names;
}

nlohmann::json Config() {
  return nlohmann::json::parse(std::string(ServiceConfigJson()), nullptr,
                               /*allow_exceptions=*/false);
}

TEST(ServiceConfigTest, IsTheShippedJson) {
  ASSERT_EQ(EmbeddedServiceConfigFiles().size(), 1u);
  EXPECT_EQ(EmbeddedServiceConfigFiles()[0].file_name,
            "deploy/service-config.json");
  nlohmann::json config = Config();
  ASSERT_FALSE(config.is_discarded());
  EXPECT_TRUE(config["methodConfig"].is_array());
}

TEST(ServiceConfigTest, NamesOnlyUnaryMethodsTheServicesHave) {
  // A generated file is in the pool only when the program links it: use one
  // message of each service's file.
  for (const auto* linked : {v1::CreateBackupRequest::descriptor(),
                             v1::ListAuditRecordsRequest::descriptor(),
                             v1::GetVerdictsRequest::descriptor(),
                             v1::GetFrameworkRequest::descriptor(),
                             v1::GetCaseRequest::descriptor()}) {
    ASSERT_NE(linked->file()->service_count(), 0) << linked->full_name();
  }
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  std::set<std::string> all = Named(Config(), true);
  all.merge(Named(Config(), false));
  ASSERT_FALSE(all.empty());
  for (const std::string& name : all) {
    std::string dotted = name;
    dotted[dotted.find('/')] = '.';
    const auto* method = pool->FindMethodByName(dotted);
    ASSERT_NE(method, nullptr) << name << " is no method of the API";
    // gRPC retries a stream only until its first response; the bulk load
    // and the change stream resume by their own means instead.
    EXPECT_FALSE(method->client_streaming() || method->server_streaming())
        << name;
  }
}

TEST(ServiceConfigTest, RetriesUnavailableOnly) {
  // Held: a range-for over a member of a temporary reads freed memory.
  const nlohmann::json config = Config();
  for (const auto& method_config : config["methodConfig"]) {
    if (!method_config.contains("retryPolicy")) continue;
    EXPECT_EQ(method_config["retryPolicy"]["retryableStatusCodes"],
              nlohmann::json::array({"UNAVAILABLE"}))
        << method_config.dump();
  }
}

TEST(ServiceConfigTest, NeverRetriesAWriteAReplayCouldRepeat) {
  std::set<std::string> retried = Named(Config(), true);
  for (const char* unsafe : {"yjinspect.v1.CaseIntake/UpdateCase",
                             "yjinspect.v1.CaseIntake/DeleteCase",
                             "yjinspect.v1.CaseIntake/UpdateVictimCase",
                             "yjinspect.v1.CaseIntake/DeleteVictimCase",
                             "yjinspect.v1.CaseIntake/DrawSample",
                             "yjinspect.v1.CaseIntake/ResetSample",
                             "yjinspect.v1.Findings/SetReportInputs",
                             "yjinspect.v1.Findings/RecordVerdictDecision",
                             "yjinspect.v1.Admin/CreateBackup"}) {
    EXPECT_EQ(retried.count(unsafe), 0u) << unsafe;
  }
}

// CaseIntake on 127.0.0.1:0 whose every method answers UNAVAILABLE the
// first time it is called and OK after that, counting the attempts.
class OnceUnavailableIntake final : public v1::CaseIntake::Service {
 public:
  grpc::Status GetCase(grpc::ServerContext*, const v1::GetCaseRequest* request,
                       v1::Case* response) override {
    response->set_name(request->name());
    return Answer(get_case_calls_);
  }
  grpc::Status DrawSample(grpc::ServerContext*, const v1::DrawSampleRequest*,
                          v1::Inspection*) override {
    return Answer(draw_sample_calls_);
  }

  // As the services' edge does: the request id goes back in the initial
  // metadata, before the answer.
  grpc::Status GetInspection(grpc::ServerContext* context,
                             const v1::GetInspectionRequest*,
                             v1::Inspection*) override {
    context->AddInitialMetadata("x-request-id", "echoed");
    return Answer(get_inspection_calls_);
  }

  std::atomic<int> get_case_calls_{0};
  std::atomic<int> get_inspection_calls_{0};
  std::atomic<int> draw_sample_calls_{0};

 private:
  static grpc::Status Answer(std::atomic<int>& calls) {
    if (calls++ == 0) {
      return grpc::Status(grpc::StatusCode::UNAVAILABLE, "starting up");
    }
    return grpc::Status::OK;
  }
};

class ServiceConfigRetryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                             &port);
    builder.RegisterService(&intake_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    stub_ =
        v1::CaseIntake::NewStub(Connect("127.0.0.1:" + std::to_string(port)));
  }
  void TearDown() override { server_->Shutdown(); }

  OnceUnavailableIntake intake_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<v1::CaseIntake::Stub> stub_;
};

TEST_F(ServiceConfigRetryTest, ARetriedMethodSurvivesOneUnavailable) {
  v1::GetCaseRequest request;
  request.set_name("yots/northmoor/cases/NM-0001");
  v1::Case answer;
  grpc::Status status = stub_->GetCase(Deadline().get(), request, &answer);
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(answer.name(), request.name());
  EXPECT_EQ(intake_.get_case_calls_.load(), 2);
}

TEST_F(ServiceConfigRetryTest, AMethodOutsideThePolicyIsNotRetried) {
  v1::DrawSampleRequest request;
  request.set_name("inspections/nm-2014");
  v1::Inspection answer;
  grpc::Status status = stub_->DrawSample(Deadline().get(), request, &answer);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(intake_.draw_sample_calls_.load(), 1);
}

// gRPC retries only an attempt that has received no response headers: a
// server that sends its initial metadata before a refusal is not retried.
// That is why the services' edge puts a refusal's x-request-id in the
// trailers (next test).
TEST_F(ServiceConfigRetryTest, AnUnavailableAfterResponseHeadersIsNotRetried) {
  v1::GetInspectionRequest request;
  request.set_name("inspections/nm-2014");
  v1::Inspection answer;
  grpc::Status status =
      stub_->GetInspection(Deadline().get(), request, &answer);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(intake_.get_inspection_calls_.load(), 1);
}

// GetCase through the services' own edge (common::CallEdge), answering
// UNAVAILABLE the first time, as a handler does when a service it needs
// cannot be reached.
class OnceUnavailableAtTheEdge final : public v1::CaseIntake::CallbackService {
 public:
  grpc::ServerUnaryReactor* GetCase(grpc::CallbackServerContext* context,
                                    const v1::GetCaseRequest* request,
                                    v1::Case* response) override {
    return edge_.Unary(
        context, __func__, *request, [&](const common::UnaryCall& call) {
          if (calls_++ == 0) {
            call.Finish("-", absl::UnavailableError("intake is starting"));
            return;
          }
          response->set_name(request->name());
          call.Finish("-", absl::OkStatus());
        });
  }

  std::atomic<int> calls_{0};

 private:
  const common::CallEdge edge_{v1::CaseIntake::service_full_name(), nullptr,
                               nullptr};
};

// The edge answers a refusal with no headers (its request id in the
// trailers), so the shipped policy retries an UNAVAILABLE a handler returns,
// and a success still tells the request id.
TEST(ServiceConfigAtTheEdgeTest, AHandlersUnavailableIsRetried) {
  OnceUnavailableAtTheEdge intake;
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                           &port);
  builder.RegisterService(&intake);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  ASSERT_NE(server, nullptr);
  auto stub =
      v1::CaseIntake::NewStub(Connect("127.0.0.1:" + std::to_string(port)));
  v1::GetCaseRequest request;
  request.set_name("yots/northmoor/cases/NM-0001");
  v1::Case answer;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(10));
  context.AddMetadata("x-request-id", "retried-1");
  grpc::Status status = stub->GetCase(&context, request, &answer);
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(intake.calls_.load(), 2);
  const auto& initial = context.GetServerInitialMetadata();
  auto it = initial.find("x-request-id");
  ASSERT_NE(it, initial.end());
  EXPECT_EQ(std::string(it->second.data(), it->second.size()), "retried-1");
  server->Shutdown();
}

}  // namespace
}  // namespace yjinspect::cli
