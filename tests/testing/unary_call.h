#pragma once

// One unary call with a deadline, its outcome as absl::StatusOr so that a
// test can assert on the code and on the details (a google.rpc.BadRequest
// comes back as a payload that common::ViolationsOf reads); and one
// BatchCreateCases call, chunk by chunk.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/rpc/grpc_status.h"
#include "grpcpp/grpcpp.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::testing {

inline constexpr absl::Duration kCallTimeout = absl::Seconds(10);

// Call(stub, &v1::CaseIntake::Stub::GetCase, request): the response, or the
// call's status with its details.
template <typename Stub, typename Request, typename Response>
absl::StatusOr<Response> Call(Stub& stub,
                              grpc::Status (Stub::*method)(grpc::ClientContext*,
                                                           const Request&,
                                                           Response*),
                              const Request& request,
                              absl::Duration timeout = kCallTimeout,
                              bool wait_for_ready = false) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  context.set_wait_for_ready(wait_for_ready);
  Response response;
  grpc::Status status = (stub.*method)(&context, request, &response);
  if (!status.ok()) return common::FromGrpcStatus(status);
  return response;
}

// Call as `actor` (the `x-yjinspect-actor` metadata): who an insecure
// server takes the caller to be.
template <typename Stub, typename Request, typename Response>
absl::StatusOr<Response> CallAs(
    const std::string& actor, Stub& stub,
    grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&,
                                 Response*),
    const Request& request, absl::Duration timeout = kCallTimeout) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  context.AddMetadata("x-yjinspect-actor", actor);
  Response response;
  grpc::Status status = (stub.*method)(&context, request, &response);
  if (!status.ok()) return common::FromGrpcStatus(status);
  return response;
}

// Sends `chunks` on one BatchCreateCases call in `context` and returns how
// the call finished. A chunk the server refused before reading it all is
// not an error here: the call's status says what happened.
inline grpc::Status SendBatch(
    v1::CaseIntake::Stub& stub, grpc::ClientContext& context,
    const std::vector<v1::BatchCreateCasesRequest>& chunks,
    v1::BatchCreateCasesResponse* response) {
  auto writer = stub.BatchCreateCases(&context, response);
  for (const v1::BatchCreateCasesRequest& chunk : chunks) {
    if (!writer->Write(chunk)) break;
  }
  writer->WritesDone();
  return writer->Finish();
}

// The same with a deadline of `timeout`.
inline grpc::Status SendBatch(
    v1::CaseIntake::Stub& stub,
    const std::vector<v1::BatchCreateCasesRequest>& chunks,
    v1::BatchCreateCasesResponse* response,
    absl::Duration timeout = kCallTimeout) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  return SendBatch(stub, context, chunks, response);
}

}  // namespace yjinspect::testing
