#include "tests/integration/access/tls_services.h"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <utility>
#include <vector>

#include "common/access/transport_security.h"
#include "grpcpp/grpcpp.h"
#include "tests/testing/loopback_options.h"
#include "tests/testing/restartable_server.h"

namespace yjinspect::testing {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string MakeCertificates() {
  const char* shared = std::getenv("YJ_AUTH_CERTS");
  static TempDir* own = nullptr;
  std::string dir;
  if (shared != nullptr && *shared != '\0') {
    dir = shared;
  } else {
    own = new TempDir();
    dir = own->Sub("certs");
  }
  // Idempotent: keeps what the fixture already made.
  std::string command = std::string(YJ_MAKE_CERTS) + " " + dir +
                        " --test-extras bolton-yot wigan-yot insp-1 lead-1 "
                        "lead-2 reader-1 auditor-1 operator-1 workbench "
                        "stranger";
  if (std::system(command.c_str()) != 0) {
    std::cerr << "cannot make test certificates: " << command << "\n";
    std::abort();
  }
  return dir;
}

}  // namespace

common::TransportSecurity ServerSecurity(const std::string& name,
                                         const std::string& policy_file) {
  common::TransportSecurity security;
  security.cert_file = TestCertificates() + "/" + name + ".pem";
  security.key_file = TestCertificates() + "/" + name + ".key";
  security.ca_file = TestCertificates() + "/ca.pem";
  security.policy_file = policy_file;
  return security;
}

const std::string& TestCertificates() {
  static const std::string* dir = new std::string(MakeCertificates());
  return *dir;
}

TlsServices::TlsServices() {
  // The loopback options of the other tests, over mutual TLS instead.
  intake::IntakeServerOptions intake_options =
      LoopbackIntakeOptions(dir_.Sub("intake"));
  intake_options.security = ServerSecurity("intake", kTestPolicyFile);
  intake_ =
      StartedOrAbort(intake::IntakeServer::Start(intake_options), "intake");

  findings::FindingsServerOptions findings_options =
      LoopbackFindingsOptions(dir_.Sub("findings"), intake_->address());
  findings_options.sync = false;
  findings_options.security = ServerSecurity("findings", kTestPolicyFile);
  findings_ = StartedOrAbort(findings::FindingsServer::Start(findings_options),
                             "findings");
}

TlsServices::~TlsServices() {
  findings_->Shutdown();
  intake_->Shutdown();
}

namespace {

// Adds the user a gateway calls for to every call of a channel.
class GatewayUser final : public grpc::MetadataCredentialsPlugin {
 public:
  explicit GatewayUser(std::vector<std::string> users)
      : users_(std::move(users)) {}
  bool IsBlocking() const override { return false; }
  grpc::Status GetMetadata(
      grpc::string_ref /*service_url*/, grpc::string_ref /*method_name*/,
      const grpc::AuthContext& /*channel_auth_context*/,
      std::multimap<grpc::string, grpc::string>* metadata) override {
    for (const std::string& user : users_) {
      metadata->emplace(common::kUserMetadata, user);
    }
    return grpc::Status::OK;
  }

 private:
  std::vector<std::string> users_;
};

std::shared_ptr<grpc::ChannelCredentials> ClientCredentials(
    const std::string& cert_name) {
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = ReadFile(TestCertificates() + "/ca.pem");
  // The findings service's own certificate is findings.pem.
  const std::string file =
      cert_name == "findings-service" ? "findings" : cert_name;
  if (!file.empty()) {
    options.pem_cert_chain = ReadFile(TestCertificates() + "/" + file + ".pem");
    options.pem_private_key =
        ReadFile(TestCertificates() + "/" + file + ".key");
    if (options.pem_cert_chain.empty()) {
      std::cerr << "no test certificate " << file << "\n";
      std::abort();
    }
  }
  return grpc::SslCredentials(options);
}

}  // namespace

Stubs TlsServices::ClientAs(const std::string& cert_name) const {
  return StubsWith(ClientCredentials(cert_name));
}

Stubs TlsServices::ClientFor(const std::string& cert_name,
                             const std::string& user) const {
  return ClientFor(cert_name, std::vector<std::string>{user});
}

Stubs TlsServices::ClientFor(const std::string& cert_name,
                             const std::vector<std::string>& users) const {
  return StubsWith(grpc::CompositeChannelCredentials(
      ClientCredentials(cert_name), grpc::MetadataCredentialsFromPlugin(
                                        std::make_unique<GatewayUser>(users))));
}

Stubs TlsServices::StubsWith(
    const std::shared_ptr<grpc::ChannelCredentials>& credentials) const {
  Stubs stubs;
  // A fresh channel per client: connections (and so identities) are not
  // shared between clients of different certificates.
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  stubs.intake_channel =
      grpc::CreateCustomChannel(intake_->address(), credentials, args);
  stubs.findings_channel =
      grpc::CreateCustomChannel(findings_->address(), credentials, args);
  stubs.intake = v1::CaseIntake::NewStub(stubs.intake_channel);
  stubs.findings = v1::Findings::NewStub(stubs.findings_channel);
  return stubs;
}

std::unique_ptr<grpc::ClientContext> CallContext() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::seconds(20));
  return context;
}

}  // namespace yjinspect::testing
