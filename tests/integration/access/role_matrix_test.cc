// Every role against every RPC of both services, over real mutual TLS: the
// calls a role may make reach the service (whatever it then answers), the
// others are refused with PERMISSION_DENIED; a certificate outside the
// policy, or none, gets UNAUTHENTICATED on every RPC. The same through the
// workbench, a gateway calling for each user, and the gateway's refusals.

#include <cstdint>
#include <fstream>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "google/protobuf/text_format.h"
#include "grpcpp/generic/generic_stub.h"
#include "gtest/gtest.h"
#include "tests/integration/access/tls_services.h"
#include "tests/testing/method_paths.h"

namespace yjinspect::testing {
namespace {

using Call = std::function<grpc::Status(Stubs&)>;

struct Rpc {
  std::string method;  // full gRPC method name
  Call call;
  // Identities of the test policy that may make this call (on the bolton
  // resources every request names).
  std::set<std::string> allowed;
};

// One unary call of `method` ("/yjinspect.v1.CaseIntake/GetCase") on
// `channel` with `request`: the call's status, whatever its response.
grpc::Status CallByName(const std::shared_ptr<grpc::Channel>& channel,
                        const std::string& method, const std::string& request) {
  grpc::GenericStub stub(channel);
  grpc::Slice bytes(request);
  grpc::ByteBuffer sent(&bytes, 1);
  grpc::ByteBuffer received;
  std::promise<grpc::Status> done;
  auto context = CallContext();
  stub.UnaryCall(context.get(), method, grpc::StubOptions(), &sent, &received,
                 [&done](grpc::Status status) { done.set_value(status); });
  return done.get_future().get();
}

// `text` (protobuf text format) as the bytes of a request of `method`.
std::string RequestBytes(const google::protobuf::MethodDescriptor& method,
                         const std::string& text) {
  std::unique_ptr<google::protobuf::Message> request(
      google::protobuf::MessageFactory::generated_factory()
          ->GetPrototype(method.input_type())
          ->New());
  EXPECT_TRUE(
      google::protobuf::TextFormat::ParseFromString(text, request.get()))
      << method.full_name() << ": " << text;
  return request->SerializeAsString();
}

// A row of role_matrix.txt: "Service/Method | allowed... | request";
// nothing (and a failure) for a row that names no RPC.
std::optional<Rpc> UnaryRpc(const std::string& row) {
  const std::vector<std::string> parts = absl::StrSplit(row, '|');
  EXPECT_EQ(parts.size(), 3u) << row;
  if (parts.size() != 3) return std::nullopt;
  const std::string name(absl::StripAsciiWhitespace(parts[0]));
  const auto* method =
      google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(
          "yjinspect.v1." + absl::StrReplaceAll(name, {{"/", "."}}));
  EXPECT_NE(method, nullptr) << row;
  if (method == nullptr) return std::nullopt;
  const std::string bytes =
      RequestBytes(*method, std::string(absl::StripAsciiWhitespace(parts[2])));
  const bool at_intake = method->service()->name() == "CaseIntake";
  Rpc rpc;
  rpc.method = "/yjinspect.v1." + name;
  rpc.call = [path = rpc.method, bytes, at_intake](Stubs& stubs) {
    return CallByName(at_intake ? stubs.intake_channel : stubs.findings_channel,
                      path, bytes);
  };
  for (absl::string_view id :
       absl::StrSplit(parts[1], ' ', absl::SkipEmpty())) {
    rpc.allowed.insert(std::string(id));
  }
  return rpc;
}

grpc::Status BatchCreateOneCase(Stubs& stubs) {
  v1::BatchCreateCasesResponse response;
  auto context = CallContext();
  auto writer = stubs.intake->BatchCreateCases(context.get(), &response);
  v1::BatchCreateCasesRequest chunk;
  v1::CreateCaseRequest& request = *chunk.add_requests();
  request.set_parent("yots/bolton");
  request.set_case_id("B-1");
  request.mutable_case_()->set_yot_display_name("Bolton");
  writer->Write(chunk);
  writer->WritesDone();
  return writer->Finish();
}

// Beyond the head: an allowed caller gets OUT_OF_RANGE at once instead of a
// stream that stays open.
grpc::Status StreamFromBeyondTheHead(Stubs& stubs) {
  v1::StreamSampledCasesRequest request;
  request.set_after_sequence(uint64_t{1} << 60);
  auto context = CallContext();
  auto reader = stubs.intake->StreamSampledCases(context.get(), request);
  v1::StreamSampledCasesResponse response;
  while (reader->Read(&response)) {
  }
  return reader->Finish();
}

// The unary RPCs of role_matrix.txt, then the two streaming ones.
std::vector<Rpc> AllRpcs() {
  std::vector<Rpc> rpcs;
  std::ifstream matrix(YJ_ROLE_MATRIX);
  EXPECT_TRUE(matrix.is_open()) << YJ_ROLE_MATRIX;
  for (std::string row; std::getline(matrix, row);) {
    if (row.empty() || row[0] == '#') continue;
    if (std::optional<Rpc> rpc = UnaryRpc(row)) rpcs.push_back(*std::move(rpc));
  }
  rpcs.push_back({"/yjinspect.v1.CaseIntake/BatchCreateCases",
                  BatchCreateOneCase,
                  {"bolton-yot", "lead-1"}});
  rpcs.push_back({"/yjinspect.v1.CaseIntake/StreamSampledCases",
                  StreamFromBeyondTheHead,
                  {"findings-service"}});
  return rpcs;
}

TEST(RoleMatrixTest, EveryRpcOfBothServicesIsInTheMatrix) {
  std::set<std::string> covered;
  for (const Rpc& rpc : AllRpcs()) covered.insert(rpc.method);
  const std::set<std::string> served = MethodPaths(
      {v1::CaseIntake::service_full_name(), v1::Findings::service_full_name()});
  EXPECT_EQ(covered, served);
}

// Each RPC as `identity` may make it (by `stubs`): allowed calls get past
// authorization (any code but PERMISSION_DENIED and UNAUTHENTICATED),
// others are refused with PERMISSION_DENIED.
void ExpectTheMatrixRow(const std::string& identity, Stubs& stubs,
                        const std::string& how) {
  for (const Rpc& rpc : AllRpcs()) {
    SCOPED_TRACE(identity + how + " " + rpc.method);
    grpc::Status status = rpc.call(stubs);
    if (rpc.allowed.count(identity) > 0) {
      EXPECT_NE(status.error_code(), grpc::StatusCode::PERMISSION_DENIED)
          << status.error_message();
      EXPECT_NE(status.error_code(), grpc::StatusCode::UNAUTHENTICATED)
          << status.error_message();
    } else {
      EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED)
          << status.error_message();
    }
  }
}

// "lead-1" as a test name: "lead_1".
std::string IdentityTestName(
    const ::testing::TestParamInfo<std::string>& param_info) {
  std::string name = param_info.param;
  for (char& c : name) {
    if (c == '-') c = '_';
  }
  return name;
}

class RoleMatrixTest : public ::testing::TestWithParam<std::string> {
 protected:
  TlsServices services_;
};

// Each identity of the test policy, with its own certificate.
TEST_P(RoleMatrixTest, AllowedCallsPassAndOthersArePermissionDenied) {
  Stubs stubs = services_.ClientAs(GetParam());
  ExpectTheMatrixRow(GetParam(), stubs, "");
}

INSTANTIATE_TEST_SUITE_P(PolicyCallers, RoleMatrixTest,
                         ::testing::Values("bolton-yot", "wigan-yot", "insp-1",
                                           "lead-1", "lead-2",
                                           "findings-service", "reader-1"),
                         IdentityTestName);

class GatewayRoleMatrixTest : public ::testing::TestWithParam<std::string> {
 protected:
  TlsServices services_;
};

// The workbench (a gateway) calling for each person or system of the test
// policy: exactly what that caller may do directly, no more and no less.
TEST_P(GatewayRoleMatrixTest, TheGatewaysCallIsTheUsersOwn) {
  Stubs stubs = services_.ClientFor("workbench", GetParam());
  ExpectTheMatrixRow(GetParam(), stubs, " through the workbench");
}

INSTANTIATE_TEST_SUITE_P(PolicyCallers, GatewayRoleMatrixTest,
                         ::testing::Values("bolton-yot", "insp-1", "lead-1",
                                           "lead-2", "reader-1"),
                         IdentityTestName);

// A gateway has no rights of its own, may not call for a service or
// another gateway, and only a gateway may name a user.
struct GatewayRefusal {
  std::string name;
  std::string cert;
  std::vector<std::string> users;  // named on every call
  grpc::StatusCode code;
};

void PrintTo(const GatewayRefusal& refusal, std::ostream* os) {
  *os << refusal.name;
}

class GatewayRefusalTest : public ::testing::TestWithParam<GatewayRefusal> {
 protected:
  TlsServices services_;
};

TEST_P(GatewayRefusalTest, EveryRpcIsRefused) {
  const GatewayRefusal& refusal = GetParam();
  Stubs stubs = refusal.users.empty()
                    ? services_.ClientAs(refusal.cert)
                    : services_.ClientFor(refusal.cert, refusal.users);
  for (const Rpc& rpc : AllRpcs()) {
    SCOPED_TRACE(rpc.method);
    EXPECT_EQ(rpc.call(stubs).error_code(), refusal.code);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Refusals, GatewayRefusalTest,
    ::testing::Values(GatewayRefusal{"gateway_naming_no_user",
                                     "workbench",
                                     {},
                                     grpc::StatusCode::UNAUTHENTICATED},
                      GatewayRefusal{"gateway_naming_an_empty_user",
                                     "workbench",
                                     {""},
                                     grpc::StatusCode::UNAUTHENTICATED},
                      GatewayRefusal{"gateway_naming_two_users",
                                     "workbench",
                                     {"insp-1", "lead-1"},
                                     grpc::StatusCode::UNAUTHENTICATED},
                      GatewayRefusal{"gateway_naming_an_unknown_user",
                                     "workbench",
                                     {"stranger"},
                                     grpc::StatusCode::UNAUTHENTICATED},
                      GatewayRefusal{"gateway_naming_the_findings_service",
                                     "workbench",
                                     {"findings-service"},
                                     grpc::StatusCode::PERMISSION_DENIED},
                      GatewayRefusal{"gateway_naming_itself",
                                     "workbench",
                                     {"workbench"},
                                     grpc::StatusCode::PERMISSION_DENIED},
                      GatewayRefusal{"an_inspector_naming_a_lead",
                                     "insp-1",
                                     {"lead-1"},
                                     grpc::StatusCode::PERMISSION_DENIED},
                      GatewayRefusal{"the_findings_service_naming_a_lead",
                                     "findings-service",
                                     {"lead-1"},
                                     grpc::StatusCode::PERMISSION_DENIED}),
    [](const auto& param_info) { return param_info.param.name; });

class UnknownCallerTest : public ::testing::TestWithParam<std::string> {
 protected:
  TlsServices services_;
};

// A certificate from the CA whose name is not in the policy, and a TLS
// connection with no client certificate at all: every RPC UNAUTHENTICATED.
TEST_P(UnknownCallerTest, EveryRpcIsUnauthenticated) {
  Stubs stubs = services_.ClientAs(GetParam());
  for (const Rpc& rpc : AllRpcs()) {
    SCOPED_TRACE(rpc.method);
    EXPECT_EQ(rpc.call(stubs).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  }
}

INSTANTIATE_TEST_SUITE_P(Unknown, UnknownCallerTest,
                         ::testing::Values("stranger", ""),
                         [](const auto& param_info) {
                           return param_info.param.empty()
                                      ? std::string("no_cert")
                                      : param_info.param;
                         });

}  // namespace
}  // namespace yjinspect::testing
