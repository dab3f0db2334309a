#pragma once

// How the command line talks to the services: channels, deadlines, and one
// way to report a failed call (message and field violations) and map it to
// an exit code.

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "grpcpp/grpcpp.h"

namespace yjinspect::cli {

std::shared_ptr<grpc::Channel> Connect(const std::string& address);

// The credentials every later Connect() uses (TLS with the user's
// certificate); until set, plaintext.
void SetChannelCredentials(
    std::shared_ptr<grpc::ChannelCredentials> credentials);

// Who the command line acts for: sent as `x-yjinspect-actor` metadata on
// every call, so the inspection's records say who took each step.
void SetActor(const std::string& actor);

// A context whose deadline is `timeout` from now, with the actor and a new
// request id (`x-request-id`).
std::unique_ptr<grpc::ClientContext> Deadline(
    absl::Duration timeout = absl::Seconds(30));

// Prints "error: <message>" and each field violation to stderr; returns the
// exit code for the status (exit_codes.h).
int ReportFailure(const absl::Status& status);

}  // namespace yjinspect::cli
