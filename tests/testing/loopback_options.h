#pragma once

// The services' options for a server in a test or a benchmark: plaintext on
// a free port of 127.0.0.1, the store in a folder the caller names. Each
// caller changes only what it is about.

#include <string>

#include "services/findings/findings_server.h"
#include "services/intake/intake_server.h"

namespace yjinspect::testing {

// An intake server's options for a test: 127.0.0.1:0, the store in
// `data_dir`, plaintext, the fixed development pseudonym key, and the WAL
// not synced. A test changes what it tests.
inline intake::IntakeServerOptions LoopbackIntakeOptions(
    const std::string& data_dir) {
  intake::IntakeServerOptions options;
  options.listen = "127.0.0.1:0";
  options.data_dir = data_dir;
  options.security.insecure = true;
  options.insecure_development_pseudonyms = true;
  options.sync = false;
  return options;
}

// A findings server's options for a test: 127.0.0.1:0, the store in
// `data_dir`, plaintext, following intake at `intake_address`, the WAL
// synced. A test changes what it tests.
inline findings::FindingsServerOptions LoopbackFindingsOptions(
    const std::string& data_dir, const std::string& intake_address) {
  findings::FindingsServerOptions options;
  options.listen = "127.0.0.1:0";
  options.data_dir = data_dir;
  options.intake = intake_address;
  options.security.insecure = true;
  return options;
}

}  // namespace yjinspect::testing
