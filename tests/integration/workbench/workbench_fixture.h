#pragma once

// Both services over mutual TLS (tls_services.h), a sampled inspection
// bolton-2014-12 that findings has received, and a workbench in this process
// on 127.0.0.1:0 with the `workbench` gateway certificate and the test
// policy, trusting 127.0.0.1 as its proxy. Requests are made with
// cpp-httplib's client, as the proxy would pass them on.

#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "httplib.h"
#include "services/workbench/workbench_server.h"
#include "tests/integration/access/tls_services.h"

namespace yjinspect::testing {

class WorkbenchTest : public ::testing::Test {
 protected:
  void SetUp() override;

  // The workbench's options as SetUp starts it.
  workbench::WorkbenchServerOptions Options();

  // A request through the proxy: `user` in X-Forwarded-User (none when
  // empty), and for POST the session's token unless `token` says otherwise.
  httplib::Result Get(const std::string& path, const std::string& user);
  httplib::Result Post(const std::string& path, const std::string& user,
                       const std::string& json,
                       const std::string* token = nullptr);
  // The page's X-CSRF-Token for `user` (GET /workbench/session).
  std::string TokenOf(const std::string& user);

  TlsServices services_;
  std::vector<std::string> sampled_;
  std::unique_ptr<workbench::WorkbenchServer> workbench_;
};

}  // namespace yjinspect::testing
