#pragma once

// Who is making a call: the one seam every handler, log line and audit record
// asks. Today the identity is the `x-yjinspect-actor` metadata (a
// pseudonymous staff or system reference); authenticated callers (client
// certificates mapped to roles) replace it behind this same function.

#include <string>

#include "grpcpp/server_context.h"

namespace yjinspect::common {

struct Caller {
  // A pseudonymous reference to the person or system calling, fit for
  // records and logs; "unidentified" when the call names none.
  std::string identity;
  // The caller's role under the access policy; empty until roles exist.
  std::string role;
  // The request id the call carries (`x-request-id`), or empty.
  std::string request_id;
};

Caller CallerOf(const grpc::CallbackServerContext* context);

}  // namespace yjinspect::common
