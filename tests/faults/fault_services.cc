#include "tests/faults/fault_services.h"

#include <fstream>
#include <sstream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "tests/testing/unary_call.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::faults {

const Binaries& BuiltBinaries() {
  static const Binaries binaries{YJ_INTAKE_SERVER, YJ_FINDINGS_SERVER, YJ_CLI};
  return binaries;
}

std::vector<std::string> IntakeArguments(const std::string& listen,
                                         const std::string& data_dir) {
  return {"--listen=" + listen, "--data_dir=" + data_dir, "--insecure",
          "--insecure_development_pseudonyms"};
}

std::vector<std::string> FindingsArguments(const std::string& listen,
                                           const std::string& data_dir,
                                           const std::string& intake_address) {
  return {"--listen=" + listen, "--data_dir=" + data_dir,
          "--intake=" + intake_address, "--insecure"};
}

namespace {

absl::StatusOr<std::unique_ptr<crash::ServiceProcess>> Process(
    const std::string& binary, std::vector<std::string> args,
    const std::vector<std::string>& extra, const std::string& log_path,
    const std::string& address, const std::string& health_name) {
  args.insert(args.end(), extra.begin(), extra.end());
  return std::make_unique<crash::ServiceProcess>(
      binary, std::move(args), log_path, address, health_name);
}

}  // namespace

absl::StatusOr<std::unique_ptr<crash::ServiceProcess>> IntakeProcess(
    const std::string& data_dir, const std::string& log_path,
    const std::vector<std::string>& extra) {
  ASSIGN_OR_RETURN(int port, crash::PickFreePort());
  const std::string address = absl::StrCat("127.0.0.1:", port);
  return Process(BuiltBinaries().intake, IntakeArguments(address, data_dir),
                 extra, log_path, address, "yjinspect.v1.CaseIntake");
}

absl::StatusOr<std::unique_ptr<crash::ServiceProcess>> FindingsProcess(
    const std::string& data_dir, const std::string& log_path,
    const std::string& intake_address, const std::vector<std::string>& extra) {
  ASSIGN_OR_RETURN(int port, crash::PickFreePort());
  const std::string address = absl::StrCat("127.0.0.1:", port);
  return Process(BuiltBinaries().findings,
                 FindingsArguments(address, data_dir, intake_address), extra,
                 log_path, address, "yjinspect.v1.Findings");
}

testing::CommandResult RunToExit(const std::string& binary,
                                 const std::vector<std::string>& args,
                                 absl::Duration timeout) {
  std::vector<std::string> argv = {"/usr/bin/timeout", "--kill-after=5",
                                   absl::StrCat(absl::ToInt64Seconds(timeout)),
                                   binary};
  argv.insert(argv.end(), args.begin(), args.end());
  return testing::RunCommand(argv);
}

testing::CommandResult Yjinspect(std::vector<std::string> words,
                                 const std::string& intake_address,
                                 const std::string& findings_address) {
  words.insert(words.begin(), BuiltBinaries().cli);
  words.push_back("--insecure");
  words.push_back("--actor=OPS-FAULTS");
  words.push_back("--intake=" + intake_address);
  if (!findings_address.empty()) {
    words.push_back("--findings=" + findings_address);
  }
  return testing::RunCommand(words);
}

std::shared_ptr<grpc::Channel> Dial(const std::string& address) {
  return grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
}

bool HealthServing(const std::string& address, const std::string& name) {
  auto stub = grpc::health::v1::Health::NewStub(Dial(address));
  grpc::health::v1::HealthCheckRequest request;
  request.set_service(name);
  grpc::health::v1::HealthCheckResponse response;
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
  return stub->Check(&context, request, &response).ok() &&
         response.status() == grpc::health::v1::HealthCheckResponse::SERVING;
}

absl::StatusOr<std::set<std::string>> StoredCaseNames(
    const std::string& address, const std::string& yot,
    const std::string& actor) {
  auto stub = v1::CaseIntake::NewStub(Dial(address));
  std::set<std::string> names;
  v1::ListCasesRequest list;
  list.set_parent("yots/" + yot);
  list.set_page_size(1000);
  do {
    auto page =
        testing::CallAs(actor, *stub, &v1::CaseIntake::Stub::ListCases, list);
    if (!page.ok()) return page.status();
    for (const v1::Case& c : page->cases()) names.insert(c.name());
    list.set_page_token(page->next_page_token());
  } while (!list.page_token().empty());
  return names;
}

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace yjinspect::faults
