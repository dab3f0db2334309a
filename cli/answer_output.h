#pragma once

// How a command ends once a service has answered: the answer printed and
// exit code 0, or the failure reported (ReportFailure) with its exit code;
// and, for a List call, every item of every page printed, as one JSON line
// each with --json.

#include <iostream>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "cli/client/exit_codes.h"
#include "cli/client/paged.h"
#include "cli/client/rpc_client.h"
#include "cli/json_output.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "grpcpp/grpcpp.h"

namespace yjinspect::cli {

// kExitOk once `print(*answer)` has shown the answer; the failure's exit
// code, after reporting it, when the call failed.
template <typename Answer, typename Print>
int PrintAnswer(const absl::StatusOr<Answer>& answer, Print print) {
  if (!answer.ok()) return ReportFailure(answer.status());
  print(*answer);
  return kExitOk;
}

// PrintAnswer that shows the answer as its JSON line with `json`, else
// with `print_text`.
template <typename Answer, typename PrintText>
int PrintAnswerAsJsonOr(const absl::StatusOr<Answer>& answer, bool json,
                        PrintText print_text) {
  return PrintAnswer(answer, [&](const Answer& value) {
    if (json) {
      std::cout << MessageJson(value) << "\n";
    } else {
      print_text(value);
    }
  });
}

// Lists from `request`'s first page to the last on the service at
// `address` (ForEachPage), printing each of the page's `items`: as its JSON
// line with `json`, else with `print_text`. Returns the exit code; a
// failure ends the listing after what was printed.
template <typename Stub, typename Request, typename Response, typename Item,
          typename PrintText>
int PrintEveryItem(
    const std::string& address,
    grpc::Status (Stub::*list)(grpc::ClientContext*, const Request&, Response*),
    Request request,
    const google::protobuf::RepeatedPtrField<Item>& (Response::*items)() const,
    bool json, PrintText print_text) {
  Stub stub(Connect(address));
  absl::Status listed =
      ForEachPage(stub, list, std::move(request), [&](const Response& page) {
        for (const Item& item : (page.*items)()) {
          if (json) {
            std::cout << MessageJson(item) << "\n";
          } else {
            print_text(item);
          }
        }
      });
  return listed.ok() ? kExitOk : ReportFailure(listed);
}

}  // namespace yjinspect::cli
