#include "common/access/transport_security.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace yjinspect::common {
namespace {

using ::testing::HasSubstr;

TEST(TransportSecurityTest, NeitherTlsNorInsecureNamesWhatIsMissing) {
  TransportSecurity security;
  security.cert_file = "me.pem";
  absl::Status server = CheckTransportSecurity(security, /*server=*/true);
  EXPECT_EQ(server.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(server.message()),
              HasSubstr("--tls_key --tls_ca --policy_file"));
  // A client needs no policy.
  absl::Status client = CheckTransportSecurity(security, /*server=*/false);
  EXPECT_THAT(std::string(client.message()), HasSubstr("--key --ca "));
  EXPECT_THAT(std::string(client.message()),
              ::testing::Not(HasSubstr("--policy_file")));
}

TEST(TransportSecurityTest, InsecureWithCertificateFilesIsRefused) {
  TransportSecurity security;
  security.insecure = true;
  security.ca_file = "ca.pem";
  EXPECT_EQ(CheckTransportSecurity(security, /*server=*/true).code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(TransportSecurityTest, InsecureAloneAndCompleteTlsAreAccepted) {
  TransportSecurity insecure;
  insecure.insecure = true;
  EXPECT_TRUE(CheckTransportSecurity(insecure, /*server=*/true).ok());
  TransportSecurity tls{false, "c.pem", "c.key", "ca.pem", "p.textproto"};
  EXPECT_TRUE(CheckTransportSecurity(tls, /*server=*/true).ok());
}

TEST(TransportSecurityTest, AnUnreadableFileIsNamed) {
  TransportSecurity tls{false, "/nonexistent/c.pem", "c.key", "ca.pem", ""};
  auto credentials = ChannelCredentialsFor(tls);
  EXPECT_EQ(credentials.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(credentials.status().message()),
              HasSubstr("/nonexistent/c.pem"));
}

}  // namespace
}  // namespace yjinspect::common
