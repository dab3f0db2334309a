#pragma once

// How the command line secures its calls: mutual TLS with the user's
// certificate and key and the CA bundle the services' certificates chain to
// (--cert, --key, --ca, with the aliases --tls-cert or --tls_cert and so on,
// as the services spell theirs; or YJINSPECT_TLS_CERT, YJINSPECT_TLS_KEY,
// YJINSPECT_TLS_CA), or --insecure (YJINSPECT_INSECURE=1)
// for services started with --insecure. One of the two is required.

#include "CLI/CLI.hpp"
#include "common/access/transport_security.h"

namespace yjinspect::cli {

void AddTransportOptions(CLI::App& app, common::TransportSecurity* security);

// Checks the choice and makes every later Connect() use it. Returns
// kExitOk, or kExitUsage after printing why.
int ApplyTransportOptions(const common::TransportSecurity& security);

}  // namespace yjinspect::cli
