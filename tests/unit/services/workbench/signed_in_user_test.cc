#include "services/workbench/signed_in_user.h"

#include <memory>
#include <string>
#include <vector>

#include "common/rpc/grpc_status.h"
#include "gtest/gtest.h"
#include "tests/testing/rich_error.h"

namespace yjinspect::workbench {
namespace {

using Values = std::vector<std::string>;

std::shared_ptr<const common::AccessPolicy> Policy() {
  absl::StatusOr<common::AccessPolicy> policy = common::AccessPolicy::Parse(
      R"pb(
        caller {
          identity: "insp-1"
          role: "inspector"
          assignment { inspection: "bolton-2014-12" yot: "bolton" }
        }
        caller { identity: "bolton-yot" role: "yot-submitter" yot: "bolton" }
        caller { identity: "findings-service" role: "findings-service" }
        caller { identity: "workbench" role: "gateway" }
      )pb",
      "test policy");
  EXPECT_TRUE(policy.ok()) << policy.status();
  return std::make_shared<common::AccessPolicy>(*std::move(policy));
}

SignIn BehindProxy(const std::string& proxies) {
  SignInOptions options;
  options.trusted_proxies = {proxies};
  absl::StatusOr<SignIn> s = SignIn::Create(options, "0.0.0.0", Policy());
  EXPECT_TRUE(s.ok()) << s.status();
  return *std::move(s);
}

TEST(SignInTest, TheProxysUserIsSignedIn) {
  const SignIn sign_in = BehindProxy("10.20.0.0/16");
  absl::StatusOr<std::string> user =
      sign_in.UserOf("10.20.3.4", Values{"insp-1"});
  ASSERT_TRUE(user.ok()) << user.status();
  EXPECT_EQ(*user, "insp-1");
  // As IPv4 mapped into IPv6, as some servers report the peer.
  EXPECT_TRUE(sign_in.UserOf("::ffff:10.20.3.4", Values{"insp-1"}).ok());
}

TEST(SignInTest, ARequestNotFromTheProxyIsRefusedWhateverItClaims) {
  const SignIn sign_in = BehindProxy("10.20.0.0/16");
  const absl::Status refused =
      sign_in.UserOf("10.21.0.1", Values{"insp-1"}).status();
  EXPECT_EQ(refused.code(), absl::StatusCode::kPermissionDenied);
  const testing::RichError rich =
      testing::ReadRichError(common::ToGrpcStatus(refused));
  ASSERT_TRUE(rich.info.has_value());
  EXPECT_EQ(rich.info->reason(), "NOT_FROM_PROXY");
  EXPECT_EQ(sign_in.UserOf("not an address", Values{}).status().code(),
            absl::StatusCode::kPermissionDenied);
}

TEST(SignInTest, NoUserOrAnUnknownUserIsUnauthenticated) {
  const SignIn sign_in = BehindProxy("127.0.0.1");
  EXPECT_EQ(sign_in.UserOf("127.0.0.1", Values{}).status().code(),
            absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(sign_in.UserOf("127.0.0.1", Values{""}).status().code(),
            absl::StatusCode::kUnauthenticated);
  const absl::Status unknown =
      sign_in.UserOf("127.0.0.1", Values{"mallory"}).status();
  EXPECT_EQ(unknown.code(), absl::StatusCode::kUnauthenticated);
  // The name came from outside: it is not echoed.
  EXPECT_EQ(std::string(unknown.message()).find("mallory"), std::string::npos);
}

TEST(SignInTest, TwoUserHeadersAreRefusedNotChosenBetween) {
  const SignIn sign_in = BehindProxy("127.0.0.1");
  EXPECT_EQ(sign_in.UserOf("127.0.0.1", Values{"insp-1", "bolton-yot"})
                .status()
                .code(),
            absl::StatusCode::kUnauthenticated);
}

TEST(SignInTest, DevelopmentModeAnswersOnlyToALoopbackHostName) {
  SignInOptions options;
  options.development_user = "insp-1";
  const absl::StatusOr<SignIn> local =
      SignIn::Create(options, "127.0.0.1", Policy());
  ASSERT_TRUE(local.ok()) << local.status();
  for (const char* host :
       {"127.0.0.1:8080", "localhost:8080", "[::1]:8080", "localhost"}) {
    EXPECT_TRUE(local->CheckSource("127.0.0.1", host).ok()) << host;
  }
  // A page of another site that rebinds its name to 127.0.0.1.
  for (const char* host :
       {"evil.example:8080", "evil.example", "", "[::]:80"}) {
    EXPECT_EQ(local->CheckSource("127.0.0.1", host).code(),
              absl::StatusCode::kPermissionDenied)
        << host;
  }
}

TEST(SignInTest, BehindAProxyOnlyItsAddressesAreServed) {
  const SignIn sign_in = BehindProxy("10.20.0.0/16");
  EXPECT_TRUE(sign_in.CheckSource("10.20.1.1", "anything").ok());
  EXPECT_EQ(sign_in.CheckSource("10.30.1.1", "anything").code(),
            absl::StatusCode::kPermissionDenied);
}

TEST(SignInTest, AServiceOrAnotherGatewayCannotSignIn) {
  const SignIn sign_in = BehindProxy("127.0.0.1");
  for (const char* identity : {"findings-service", "workbench"}) {
    EXPECT_EQ(sign_in.UserOf("127.0.0.1", Values{identity}).status().code(),
              absl::StatusCode::kUnauthenticated)
        << identity;
  }
  EXPECT_TRUE(sign_in.UserOf("127.0.0.1", Values{"bolton-yot"}).ok());
}

TEST(SignInTest, DevelopmentModeIsOneUserOnLoopbackOnly) {
  SignInOptions options;
  options.development_user = "insp-1";
  absl::StatusOr<SignIn> local = SignIn::Create(options, "127.0.0.1", Policy());
  ASSERT_TRUE(local.ok()) << local.status();
  EXPECT_TRUE(local->development());
  EXPECT_EQ(*local->UserOf("127.0.0.1", Values{"bolton-yot"}), "insp-1");
  for (const char* host : {"0.0.0.0", "10.1.2.3", ""}) {
    EXPECT_EQ(SignIn::Create(options, host, Policy()).status().code(),
              absl::StatusCode::kInvalidArgument)
        << host;
  }
  options.development_user = "mallory";
  EXPECT_FALSE(SignIn::Create(options, "::1", Policy()).ok());
}

TEST(SignInTest, ProxiesOrADevelopmentUserNotBothNorNeither) {
  SignInOptions neither;
  EXPECT_FALSE(SignIn::Create(neither, "127.0.0.1", Policy()).ok());
  SignInOptions both;
  both.development_user = "insp-1";
  both.trusted_proxies = {"127.0.0.1"};
  EXPECT_FALSE(SignIn::Create(both, "127.0.0.1", Policy()).ok());
  SignInOptions bad;
  bad.trusted_proxies = {"10.0.0.0/33"};
  EXPECT_FALSE(SignIn::Create(bad, "0.0.0.0", Policy()).ok());
  for (const char* everyone : {"0.0.0.0/0", "::/0"}) {
    SignInOptions open;
    open.trusted_proxies = {everyone};
    EXPECT_FALSE(SignIn::Create(open, "0.0.0.0", Policy()).ok()) << everyone;
  }
}

TEST(AddressBlockTest, PrefixesMatchBitByBit) {
  const AddressBlock v4 = *AddressBlock::Parse("192.168.4.0/22");
  EXPECT_TRUE(v4.Contains("192.168.7.255"));
  EXPECT_FALSE(v4.Contains("192.168.8.0"));
  EXPECT_FALSE(v4.Contains("::1"));
  const AddressBlock v6 = *AddressBlock::Parse("fd00::/8");
  EXPECT_TRUE(v6.Contains("fd12::1"));
  EXPECT_FALSE(v6.Contains("fe80::1"));
  EXPECT_TRUE(AddressBlock::Parse("[::1]")->Contains("::1"));
  EXPECT_TRUE(AddressBlock::Parse("0.0.0.0/0")->Contains("8.8.8.8"));
}

TEST(IsLoopbackHostTest, KnowsLoopbackNames) {
  EXPECT_TRUE(IsLoopbackHost("127.0.0.1"));
  EXPECT_TRUE(IsLoopbackHost("127.1.2.3"));
  EXPECT_TRUE(IsLoopbackHost("localhost"));
  EXPECT_TRUE(IsLoopbackHost("::1"));
  EXPECT_TRUE(IsLoopbackHost("[::1]"));
  EXPECT_FALSE(IsLoopbackHost("0.0.0.0"));
  EXPECT_FALSE(IsLoopbackHost("::"));
  EXPECT_FALSE(IsLoopbackHost("example.org"));
}

}  // namespace
}  // namespace yjinspect::workbench
