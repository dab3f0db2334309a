#pragma once

// Who is making a call: the one seam every handler, log line and audit record
// asks. Over mutual TLS the identity is the Common Name of the caller's
// verified client certificate and the role is the one the access policy
// gives it (common/access). On an --insecure (development) server there are
// no certificates: the identity is the `x-yjinspect-actor` metadata, a
// claim nobody checks, and the role is empty. A call a gateway makes for a
// user is the user's: their identity and role, with the gateway named too.

#include <string>

#include "grpcpp/server_context.h"

namespace yjinspect::common {

struct Caller {
  // A pseudonymous reference to the person or system calling, fit for
  // records and logs; "unidentified" when the call names none.
  std::string identity;
  // The caller's role under the access policy ("lead-inspector"); empty on
  // an insecure server.
  std::string role;
  // The request id the call carries (`x-request-id`), or empty.
  std::string request_id;
  // The gateway the call came through (the workbench, calling for the
  // user above), or empty for a direct call.
  std::string gateway;
};

Caller CallerOf(const grpc::CallbackServerContext* context);

}  // namespace yjinspect::common
