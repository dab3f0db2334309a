#pragma once

// How the command line talks to the services: channels, deadlines, and one
// way to report a failed call (message and field violations) and map it to
// an exit code.

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "grpcpp/grpcpp.h"

namespace yjinspect::cli {

// A channel to `address` with the credentials below and the built-in
// service config (service_config.h): safe methods are retried on
// UNAVAILABLE, every method has its longest timeout.
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

// How ReportFailure writes: as text (the default) or, for --json, as one
// JSON object a program can act on.
void SetJsonErrors(bool json);

// Prints the failure to stderr and returns its exit code (exit_codes.h).
// As text: "error: <CODE>: <message>" and each field violation. With
// --json: {"error": {"exit_code", "code", "status", "message", "details"}},
// `code`, `message` and `details` being google.rpc.Status's JSON mapping
// (every detail the service sent, such as a google.rpc.BadRequest) and
// `status` the code's name.
int ReportFailure(const absl::Status& status);

// A usage error found after parsing (a date that is no date, an unknown
// --action): "error: <message>" or, with --json, {"error": {"exit_code": 2,
// "status": "USAGE", "message", "details": []}}. Returns kExitUsage.
int ReportUsageFailure(absl::string_view message);

// The JSON ReportUsageFailure prints with --json.
std::string UsageFailureJson(absl::string_view message);

// The exit code a failed call's status maps to: kExitRefused when retrying
// the same request cannot help, kExitUnavailable when it may.
int ExitCodeFor(const absl::Status& status);

// The JSON ReportFailure prints for `status` with --json.
std::string FailureJson(const absl::Status& status);

}  // namespace yjinspect::cli
