// cli/transport_options.h: the command line's choice between mutual TLS and
// --insecure, from flags or YJINSPECT_ variables; a choice that is missing,
// contradictory or names an unreadable file is a usage error (exit 2)
// saying why; an accepted one is what every later Connect() uses.

#include "cli/transport_options.h"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include "cli/client/exit_codes.h"
#include "cli/client/rpc_client.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/captured_stream.h"
#include "tests/testing/matchers.h"
#include "tests/testing/scripted_health_service.h"
#include "tests/testing/temp_dir.h"

namespace yjinspect::cli {
namespace {

using testing::CapturedStream;

constexpr const char* kVariables[] = {"YJINSPECT_TLS_CERT", "YJINSPECT_TLS_KEY",
                                      "YJINSPECT_TLS_CA", "YJINSPECT_INSECURE"};

// The variables and the channel credentials are the process's: each test
// starts and ends without them.
class TransportOptionsTest : public ::testing::Test {
 protected:
  void SetUp() override { Clear(); }
  void TearDown() override {
    Clear();
    SetChannelCredentials(nullptr);
  }
  static void Clear() {
    for (const char* variable : kVariables) unsetenv(variable);
  }

  // The options as parsed from `command_line`.
  common::TransportSecurity Parse(const std::string& command_line) {
    CLI::App app;
    common::TransportSecurity security;
    AddTransportOptions(app, &security);
    app.parse(command_line);
    return security;
  }

  // What ApplyTransportOptions writes to stderr as it refuses `security`;
  // the test fails unless it refuses it as a usage error.
  static std::string UsageErrorOf(const common::TransportSecurity& security) {
    CapturedStream err(std::cerr);
    EXPECT_EQ(ApplyTransportOptions(security), kExitUsage);
    return err.Text();
  }

  // A file that exists (its content is no certificate).
  std::string File(const std::string& name) {
    const std::string path = dir_.Sub(name);
    std::ofstream(path) << "synthetic, not a certificate\n";
    return path;
  }

  // Whether a health check through Connect() reaches `health`.
  static bool Reaches(testing::ScriptedHealthService& health) {
    // The empty service name asks about the server as a whole.
    health.Script("", {grpc::health::v1::HealthCheckResponse::SERVING});
    const size_t before = health.checks().size();
    auto stub = grpc::health::v1::Health::NewStub(Connect(health.address()));
    grpc::health::v1::HealthCheckResponse response;
    grpc::Status status =
        stub->Check(Deadline(absl::Seconds(5)).get(),
                    grpc::health::v1::HealthCheckRequest(), &response);
    return status.ok() && health.checks().size() == before + 1;
  }

  testing::TempDir dir_;
};

TEST_F(TransportOptionsTest, ShortAndLongFlagsNameTheFiles) {
  common::TransportSecurity short_flags =
      Parse("--cert me.pem --key me.key --ca ca.pem");
  EXPECT_EQ(short_flags.cert_file, "me.pem");
  EXPECT_EQ(short_flags.key_file, "me.key");
  EXPECT_EQ(short_flags.ca_file, "ca.pem");
  EXPECT_FALSE(short_flags.insecure);

  // The services' spellings, and their kebab-case forms, are aliases.
  for (const char* line :
       {"--tls_cert=me.pem --tls_key=me.key --tls_ca=ca.pem",
        "--tls-cert=me.pem --tls-key=me.key --tls-ca=ca.pem"}) {
    common::TransportSecurity long_flags = Parse(line);
    EXPECT_EQ(long_flags.cert_file, "me.pem") << line;
    EXPECT_EQ(long_flags.key_file, "me.key") << line;
    EXPECT_EQ(long_flags.ca_file, "ca.pem") << line;
  }
}

TEST_F(TransportOptionsTest, InsecureIsAFlag) {
  EXPECT_TRUE(Parse("--insecure").insecure);
  EXPECT_FALSE(Parse("").insecure);
}

TEST_F(TransportOptionsTest, VariablesStandInForMissingFlags) {
  setenv("YJINSPECT_TLS_CERT", "env.pem", 1);
  setenv("YJINSPECT_TLS_KEY", "env.key", 1);
  setenv("YJINSPECT_TLS_CA", "env-ca.pem", 1);
  common::TransportSecurity security = Parse("--key flag.key");
  EXPECT_EQ(security.cert_file, "env.pem");
  // A flag given wins over its variable.
  EXPECT_EQ(security.key_file, "flag.key");
  EXPECT_EQ(security.ca_file, "env-ca.pem");
}

TEST_F(TransportOptionsTest, InsecureFromTheEnvironment) {
  setenv("YJINSPECT_INSECURE", "1", 1);
  EXPECT_TRUE(Parse("").insecure);
}

TEST_F(TransportOptionsTest, NeitherChoiceIsAUsageErrorNamingWhatIsMissing) {
  EXPECT_THAT(UsageErrorOf(common::TransportSecurity()),
              HasSubstr("error: mutual TLS needs --cert --key --ca (or "
                        "--insecure"));
}

TEST_F(TransportOptionsTest, AnIncompleteCertificateIsAUsageError) {
  common::TransportSecurity security;
  security.cert_file = File("me.pem");
  security.key_file = File("me.key");
  EXPECT_THAT(UsageErrorOf(security), HasSubstr("needs --ca "));
}

TEST_F(TransportOptionsTest, InsecureWithCertificateFilesIsAUsageError) {
  common::TransportSecurity security;
  security.insecure = true;
  security.ca_file = File("ca.pem");
  EXPECT_THAT(UsageErrorOf(security), HasSubstr("error: "));
}

TEST_F(TransportOptionsTest, AnUnreadableFileIsAUsageErrorNamingIt) {
  common::TransportSecurity security;
  security.cert_file = File("me.pem");
  security.key_file = dir_.Sub("missing.key");
  security.ca_file = File("ca.pem");
  EXPECT_THAT(UsageErrorOf(security), HasSubstr(dir_.Sub("missing.key")));
}

TEST_F(TransportOptionsTest, InsecureMakesChannelsPlaintext) {
  testing::ScriptedHealthService health;
  common::TransportSecurity security;
  security.insecure = true;
  CapturedStream err(std::cerr);
  ASSERT_EQ(ApplyTransportOptions(security), kExitOk);
  EXPECT_THAT(err.Text(), IsEmpty());
  EXPECT_TRUE(Reaches(health));
}

TEST_F(TransportOptionsTest, CertificateFilesMakeChannelsTls) {
  testing::ScriptedHealthService health;
  ASSERT_TRUE(Reaches(health));  // plaintext before the choice is applied
  common::TransportSecurity security;
  security.cert_file = File("me.pem");
  security.key_file = File("me.key");
  security.ca_file = File("ca.pem");
  ASSERT_EQ(ApplyTransportOptions(security), kExitOk);
  // A TLS channel cannot talk to a plaintext service.
  EXPECT_FALSE(Reaches(health));
  EXPECT_THAT(health.checks(), SizeIs(1));
}

}  // namespace
}  // namespace yjinspect::cli
