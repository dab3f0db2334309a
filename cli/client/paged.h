#pragma once

// Reads a List RPC to its end: every page, each call with its own deadline,
// following next_page_token until it is empty (AIP-158), so that each
// command that lists does not write the loop again.

#include "absl/status/status.h"
#include "cli/client/rpc_client.h"
#include "common/rpc/grpc_status.h"
#include "grpcpp/grpcpp.h"

namespace yjinspect::cli {

// Calls `(stub.*list)` from `request`'s first page to the last, handing
// each response to `on_page`; the first failure ends it.
template <typename Stub, typename Request, typename Response, typename OnPage>
absl::Status ForEachPage(Stub& stub,
                         grpc::Status (Stub::*list)(grpc::ClientContext*,
                                                    const Request&, Response*),
                         Request request, OnPage on_page) {
  do {
    Response page;
    grpc::Status status = (stub.*list)(Deadline().get(), request, &page);
    if (!status.ok()) return common::FromGrpcStatus(status);
    on_page(page);
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  return absl::OkStatus();
}

}  // namespace yjinspect::cli
