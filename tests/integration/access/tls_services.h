#pragma once

// Both services in this process over mutual TLS, with throwaway
// certificates made by scripts/lib/make_certs.sh (once per ctest run, by
// the auth_certs fixture; or into a temp folder when run alone) and a test
// access policy; and clients presenting any of those certificates.

#include <memory>
#include <string>
#include <vector>

#include "common/access/transport_security.h"
#include "services/findings/findings_server.h"
#include "services/intake/intake_server.h"
#include "tests/testing/temp_dir.h"
#include "yjinspect/v1/findings_service.grpc.pb.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::testing {

// The folder holding the certificates: ca.pem, intake.pem, findings.pem,
// one CN.pem/CN.key per client identity below, and the refused ones
// (expired, self-signed, wrong-ca).
const std::string& TestCertificates();

// The policy file the servers run with, test_policy.textproto here:
//   bolton-yot  yot-submitter  yots bolton
//   wigan-yot   yot-submitter  yots wigan
//   insp-1      inspector      bolton-2014-12 (bolton)
//   lead-1      lead-inspector bolton-2014-12 (bolton)
//   lead-2      lead-inspector wigan-2015-01 (wigan)
//   findings-service findings-service
//   reader-1    reader
//   auditor-1   auditor
//   operator-1  operator
//   workbench   gateway (calls only for a user it names)
// and `stranger` has a certificate from the CA but no place in the policy.
inline constexpr char kTestPolicyFile[] = YJ_TEST_POLICY;

// A server's side of mutual TLS: `name`.pem/.key from TestCertificates(),
// their CA, and the access policy in `policy_file`.
common::TransportSecurity ServerSecurity(const std::string& name,
                                         const std::string& policy_file);

struct Stubs {
  std::unique_ptr<v1::CaseIntake::Stub> intake;
  std::unique_ptr<v1::Findings::Stub> findings;
  // The same client's channels, for the services' other APIs (audit
  // trail, admin).
  std::shared_ptr<grpc::Channel> intake_channel;
  std::shared_ptr<grpc::Channel> findings_channel;
};

class TlsServices {
 public:
  TlsServices();
  ~TlsServices();

  // Stubs presenting `cert_name`.pem/.key from TestCertificates(); empty:
  // TLS without a client certificate.
  Stubs ClientAs(const std::string& cert_name) const;
  // Stubs presenting `cert_name`'s certificate, every call naming `user` in
  // the gateway's user metadata (common::kUserMetadata), as the workbench
  // calls for the person signed in to it.
  Stubs ClientFor(const std::string& cert_name, const std::string& user) const;
  // The same naming each of `users`, in order, on every call.
  Stubs ClientFor(const std::string& cert_name,
                  const std::vector<std::string>& users) const;

  intake::IntakeServer& intake() { return *intake_; }
  findings::FindingsServer& findings() { return *findings_; }

 private:
  Stubs StubsWith(
      const std::shared_ptr<grpc::ChannelCredentials>& credentials) const;

  TempDir dir_;
  std::unique_ptr<intake::IntakeServer> intake_;
  std::unique_ptr<findings::FindingsServer> findings_;
};

// A client context with a deadline.
std::unique_ptr<grpc::ClientContext> CallContext();

}  // namespace yjinspect::testing
