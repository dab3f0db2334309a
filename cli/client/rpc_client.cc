#include "cli/client/rpc_client.h"

#include <chrono>
#include <iostream>

#include "cli/client/exit_codes.h"
#include "common/field_violations.h"
#include "common/request_id.h"

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

int ReportFailure(const absl::Status& status) {
  std::cerr << "error: " << absl::StatusCodeToString(status.code()) << ": "
            << status.message() << "\n";
  for (const auto& v : common::ViolationsOf(status)) {
    std::cerr << "  " << v.field << ": " << v.description << "\n";
  }
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

}  // namespace yjinspect::cli
