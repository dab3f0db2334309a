#include "cli/client/rpc_client.h"

#include <chrono>
#include <iostream>

#include "cli/client/exit_codes.h"
#include "cli/client/service_config.h"
#include "common/field_violations.h"
#include "common/request_id.h"
#include "common/rpc/grpc_status.h"
#include "google/protobuf/util/json_util.h"
#include "google/rpc/status.pb.h"
#include "nlohmann/json.hpp"

namespace yjinspect::cli {

namespace {
std::shared_ptr<grpc::ChannelCredentials>& Credentials() {
  static auto* credentials = new std::shared_ptr<grpc::ChannelCredentials>();
  return *credentials;
}
}  // namespace

void SetChannelCredentials(
    std::shared_ptr<grpc::ChannelCredentials> credentials) {
  Credentials() = std::move(credentials);
}

std::shared_ptr<grpc::Channel> Connect(const std::string& address) {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(64 << 20);
  // Each channel connects afresh. With gRPC's process-wide subchannel pool
  // a new channel to an address whose earlier server went away (a restarted
  // service, or a port the OS handed out again) can inherit that
  // subchannel's failed, backing-off state, and its first call then fails
  // UNAVAILABLE without trying: seen once in run_resume_test under load.
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  // Retries on UNAVAILABLE for the methods safe to repeat, and each
  // method's timeout (service_config.h); a call's own deadline still wins
  // when shorter.
  args.SetInt(GRPC_ARG_ENABLE_RETRIES, 1);
  args.SetServiceConfigJSON(std::string(ServiceConfigJson()));
  return grpc::CreateCustomChannel(address,
                                   Credentials() != nullptr
                                       ? Credentials()
                                       : grpc::InsecureChannelCredentials(),
                                   args);
}

namespace {
std::string& Actor() {
  static std::string* actor = new std::string();
  return *actor;
}
}  // namespace

void SetActor(const std::string& actor) { Actor() = actor; }

std::unique_ptr<grpc::ClientContext> Deadline(absl::Duration timeout) {
  auto context = std::make_unique<grpc::ClientContext>();
  if (!Actor().empty()) context->AddMetadata("x-yjinspect-actor", Actor());
  // One id per call: the services log it and write it on the changes the
  // call makes, so one step of a run can be found in both services' logs.
  context->AddMetadata("x-request-id", common::NewRequestId());
  context->set_deadline(std::chrono::system_clock::now() +
                        absl::ToChronoMilliseconds(timeout));
  return context;
}

namespace {
bool& JsonErrors() {
  static bool json = false;
  return json;
}
}  // namespace

void SetJsonErrors(bool json) { JsonErrors() = json; }

int ExitCodeFor(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kNotFound:
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kOutOfRange:
    case absl::StatusCode::kPermissionDenied:
    case absl::StatusCode::kUnauthenticated:
    case absl::StatusCode::kAborted:
      return kExitRefused;
    default:
      return kExitUnavailable;
  }
}

std::string FailureJson(const absl::Status& status) {
  // google.rpc.Status in protobuf's JSON mapping resolves each detail's
  // type from the descriptors linked in (BadRequest and the other
  // google.rpc error details); one it cannot resolve keeps only the code
  // and message rather than printing nothing.
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  google::rpc::Status rpc = common::ToRpcStatus(status);
  std::string printed;
  if (!google::protobuf::util::MessageToJsonString(rpc, &printed, options)
           .ok()) {
    rpc.clear_details();
    printed.clear();
    (void)google::protobuf::util::MessageToJsonString(rpc, &printed, options);
  }
  nlohmann::json error = nlohmann::json::parse(printed, nullptr, false);
  if (error.is_discarded() || !error.is_object()) {
    error = nlohmann::json::object();
  }
  // The JSON mapping leaves out zero and empty fields; a script should not
  // have to know that.
  error["code"] = static_cast<int>(status.code());
  error["message"] = std::string(status.message());
  if (!error.contains("details")) error["details"] = nlohmann::json::array();
  error["status"] = absl::StatusCodeToString(status.code());
  error["exit_code"] = ExitCodeFor(status);
  return nlohmann::json{{"error", error}}.dump();
}

std::string UsageFailureJson(absl::string_view message) {
  nlohmann::json error = {{"exit_code", kExitUsage},
                          {"status", "USAGE"},
                          {"message", std::string(message)},
                          {"details", nlohmann::json::array()}};
  return nlohmann::json{{"error", error}}.dump();
}

int ReportUsageFailure(absl::string_view message) {
  if (JsonErrors()) {
    std::cerr << UsageFailureJson(message) << "\n";
  } else {
    std::cerr << "error: " << message << "\n";
  }
  return kExitUsage;
}

int ReportFailure(const absl::Status& status) {
  if (JsonErrors()) {
    std::cerr << FailureJson(status) << "\n";
    return ExitCodeFor(status);
  }
  std::cerr << "error: " << absl::StatusCodeToString(status.code()) << ": "
            << status.message() << "\n";
  for (const auto& v : common::ViolationsOf(status)) {
    std::cerr << "  " << v.field << ": " << v.description << "\n";
  }
  return ExitCodeFor(status);
}

}  // namespace yjinspect::cli
