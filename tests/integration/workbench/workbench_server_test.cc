// The workbench in front of real services over mutual TLS: its JSON API
// through the proxy, its refusals (no user, an unknown user, a user
// outside their assignment, a request not from the proxy, a forged
// request), the pages' headers, probes and metrics, and the JSON API for
// systems over mutual TLS.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "nlohmann/json.hpp"
#include "tests/integration/workbench/workbench_fixture.h"

namespace yjinspect::testing {
namespace {

using ::testing::HasSubstr;
using json = nlohmann::json;

std::string ReasonOf(const httplib::Result& r) {
  const json body = json::parse(r->body);
  for (const json& detail : body["error"]["details"]) {
    if (detail["@type"] == "type.googleapis.com/google.rpc.ErrorInfo") {
      return detail["reason"];
    }
  }
  return "";
}

std::string Judgements(const std::string& case_name, const std::string& user,
                       const std::string& answer, const std::string& etag) {
  return json{{"case", case_name},
              {"inspectorReference", user},
              {"etag", etag},
              {"judgements",
               json::array({{{"criterionId", "1.1"},
                             {"answer", answer},
                             {"evidenceNote", "plan seen in the record"}}})}}
      .dump();
}

TEST_F(WorkbenchTest, AnInspectorReadsTheirInspectionAsJson) {
  httplib::Result r = Get("/v1/inspections/bolton-2014-12", "insp-1");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const json inspection = json::parse(r->body);
  EXPECT_EQ(inspection["name"], "inspections/bolton-2014-12");
  EXPECT_EQ(inspection["sample"]["cases"].size(), sampled_.size());
  EXPECT_EQ(r->get_header_value("Cache-Control"), "no-store");
  EXPECT_FALSE(r->get_header_value("X-Request-Id").empty());
}

TEST_F(WorkbenchTest, NoUserOrAnUnknownUserIsUnauthenticated) {
  for (const char* user : {"", "stranger", "findings-service", "workbench"}) {
    httplib::Result r = Get("/v1/inspections/bolton-2014-12", user);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401) << user;
    EXPECT_EQ(json::parse(r->body)["error"]["status"], "UNAUTHENTICATED");
  }
}

TEST_F(WorkbenchTest, AUserOutsideTheirAssignmentIsRefusedByTheService) {
  httplib::Result r = Get("/v1/inspections/wigan-2015-01", "insp-1");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403) << r->body;
  EXPECT_EQ(ReasonOf(r), "ACCESS_NOT_GRANTED");
}

TEST_F(WorkbenchTest, ARequestNotFromTheProxyIsRefused) {
  workbench::WorkbenchServerOptions options = Options();
  options.sign_in.trusted_proxies = {"10.9.9.9"};
  auto elsewhere = workbench::WorkbenchServer::Start(options);
  ASSERT_TRUE(elsewhere.ok()) << elsewhere.status();
  httplib::Client client("127.0.0.1", (*elsewhere)->port());
  for (const char* path : {"/v1/inspections/bolton-2014-12", "/",
                           "/workbench/session", "/static/app.js"}) {
    httplib::Result r = client.Get(path, {{"X-Forwarded-User", "insp-1"}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 403) << path;
    EXPECT_EQ(ReasonOf(r), "NOT_FROM_PROXY") << path;
  }
  // Probes carry nothing and answer anyone.
  httplib::Result health = client.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

TEST_F(WorkbenchTest, JudgementsAreRecordedForTheSignedInUser) {
  const std::string path = "/v1/inspections/bolton-2014-12:recordJudgements";
  httplib::Result first =
      Post(path, "insp-1", Judgements(sampled_[0], "insp-1", "yes", ""));
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 200) << first->body;
  const json saved = json::parse(first->body);
  EXPECT_EQ(saved["revision"], "1");
  EXPECT_EQ(saved["inspectorReference"], "insp-1");

  // Read back over gRPC, as the user.
  Stubs insp = services_.ClientAs("insp-1");
  v1::GetCaseFindingsRequest get;
  get.set_name("inspections/bolton-2014-12/caseFindings/" +
               sampled_[0].substr(sampled_[0].rfind('/') + 1));
  v1::CaseFindings findings;
  ASSERT_TRUE(
      insp.findings->GetCaseFindings(CallContext().get(), get, &findings).ok());
  EXPECT_EQ(findings.etag(), saved["etag"]);
  ASSERT_EQ(findings.judgements_size(), 1);
  EXPECT_EQ(findings.judgements(0).evidence_note(), "plan seen in the record");
}

TEST_F(WorkbenchTest, AStaleEtagIsAConflict) {
  const std::string path = "/v1/inspections/bolton-2014-12:recordJudgements";
  httplib::Result first =
      Post(path, "insp-1", Judgements(sampled_[1], "insp-1", "yes", ""));
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 200) << first->body;
  const std::string etag = json::parse(first->body)["etag"];
  ASSERT_EQ(Post(path, "lead-1", Judgements(sampled_[1], "lead-1", "no", etag))
                ->status,
            200);
  httplib::Result stale =
      Post(path, "insp-1", Judgements(sampled_[1], "insp-1", "yes", etag));
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 409) << stale->body;
  EXPECT_EQ(json::parse(stale->body)["error"]["status"], "ABORTED");
  EXPECT_EQ(ReasonOf(stale), "ETAG_MISMATCH");
}

TEST_F(WorkbenchTest, BadInputGetsFieldViolationsAndNothingIsStored) {
  const std::string path = "/v1/inspections/bolton-2014-12:recordJudgements";
  httplib::Result bad =
      Post(path, "insp-1", Judgements(sampled_[2], "insp-1", "perhaps", ""));
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400) << bad->body;
  const json error = json::parse(bad->body)["error"];
  EXPECT_EQ(error["status"], "INVALID_ARGUMENT");
  EXPECT_EQ(error["details"][0]["@type"],
            "type.googleapis.com/google.rpc.BadRequest");
  httplib::Result gone = Get("/v1/inspections/bolton-2014-12/caseFindings/" +
                                 sampled_[2].substr(sampled_[2].rfind('/') + 1),
                             "insp-1");
  EXPECT_EQ(gone->status, 404);

  httplib::Result not_json = Post(path, "insp-1", "{\"judgements\": 3");
  EXPECT_EQ(not_json->status, 400);
}

TEST_F(WorkbenchTest, AChangeWithoutThePagesTokenIsRefused) {
  const std::string path = "/v1/inspections/bolton-2014-12:recordJudgements";
  const std::string none;
  const std::string other = TokenOf("lead-1");
  for (const std::string* token : {&none, &other}) {
    httplib::Result r = Post(
        path, "insp-1", Judgements(sampled_[3], "insp-1", "yes", ""), token);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 403);
    EXPECT_EQ(ReasonOf(r), "CROSS_SITE_REQUEST");
  }
  EXPECT_EQ(Get("/v1/inspections/bolton-2014-12/caseFindings/" +
                    sampled_[3].substr(sampled_[3].rfind('/') + 1),
                "insp-1")
                ->status,
            404);
}

TEST_F(WorkbenchTest, AReadCausedByAnotherSiteIsRefusedButItsLinkOpens) {
  httplib::Client client("127.0.0.1", workbench_->port());
  for (const char* site : {"cross-site", "same-site"}) {
    httplib::Result read =
        client.Get("/v1/yots/bolton/cases",
                   {{"X-Forwarded-User", "insp-1"}, {"Sec-Fetch-Site", site}});
    ASSERT_TRUE(read);
    EXPECT_EQ(read->status, 403) << site;
    EXPECT_EQ(ReasonOf(read), "CROSS_SITE_REQUEST") << site;
  }
  // A link from elsewhere to the workbench itself still opens it.
  httplib::Result page = client.Get(
      "/", {{"X-Forwarded-User", "insp-1"}, {"Sec-Fetch-Site", "cross-site"}});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
}

// cpp-httplib 0.11 holds its body limit only against Content-Length: a
// chunked body is refused before any of it is read. The request's head
// alone is sent, over a plain socket, and the refusal comes back without
// waiting for a body.
TEST_F(WorkbenchTest, AChunkedBodyIsRefusedBeforeItIsRead) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(workbench_->port()));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)),
            0);
  const std::string head =
      "POST /v1/inspections/bolton-2014-12:recordJudgements HTTP/1.1\r\n"
      "Host: 127.0.0.1\r\nX-Forwarded-User: insp-1\r\n"
      "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
  ASSERT_EQ(send(fd, head.data(), head.size(), 0),
            static_cast<ssize_t>(head.size()));
  timeval timeout{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  char answer[512] = {};
  const ssize_t got = recv(fd, answer, sizeof(answer) - 1, 0);
  close(fd);
  ASSERT_GT(got, 0);
  EXPECT_THAT(std::string(answer, static_cast<size_t>(got)),
              ::testing::StartsWith("HTTP/1.1 400"));
}

TEST_F(WorkbenchTest, APathIsPercentDecodedOnce) {
  EXPECT_EQ(Get("/v1/inspections/bolton%2D2014-12", "insp-1")->status, 200);
  // Encoded twice, it names another inspection, which is no one's.
  EXPECT_NE(Get("/v1/inspections/bolton%252D2014-12", "insp-1")->status, 200);
}

TEST_F(WorkbenchTest, TheSessionNamesTheUserAndTheirAssignments) {
  httplib::Result r = Get("/workbench/session", "insp-1");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  const json session = json::parse(r->body);
  EXPECT_EQ(session["user"], "insp-1");
  EXPECT_EQ(session["role"], "inspector");
  EXPECT_EQ(session["development"], false);
  EXPECT_EQ(session["assignments"][0]["inspection"],
            "inspections/bolton-2014-12");
  EXPECT_FALSE(session["csrfToken"].get<std::string>().empty());
}

TEST_F(WorkbenchTest, PagesAreServedWithAStrictPolicyAndNeverCached) {
  httplib::Result page = Get("/", "insp-1");
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  EXPECT_THAT(page->body, HasSubstr("/static/app.js"));
  const std::string policy = page->get_header_value("Content-Security-Policy");
  EXPECT_THAT(policy, HasSubstr("script-src 'self'"));
  EXPECT_THAT(policy, HasSubstr("frame-ancestors 'none'"));
  EXPECT_EQ(policy.find("unsafe-inline"), std::string::npos);
  EXPECT_EQ(page->get_header_value("Cache-Control"), "no-store");
  httplib::Result module = Get("/static/judgement_form.js", "insp-1");
  ASSERT_TRUE(module);
  EXPECT_EQ(module->status, 200);
  EXPECT_THAT(module->get_header_value("Content-Type"),
              HasSubstr("text/javascript"));
  EXPECT_EQ(Get("/static/missing.js", "insp-1")->status, 404);
}

TEST_F(WorkbenchTest, ProbesAndMetrics) {
  EXPECT_EQ(Get("/healthz", "")->status, 200);
  EXPECT_EQ(Get("/readyz", "")->status, 200);
  workbench::WorkbenchServerOptions options = Options();
  options.metrics_listen = "127.0.0.1:0";
  auto measured = workbench::WorkbenchServer::Start(options);
  ASSERT_TRUE(measured.ok()) << measured.status();
  httplib::Client client("127.0.0.1", (*measured)->port());
  ASSERT_EQ(client
                .Get("/v1/inspections/bolton-2014-12",
                     {{"X-Forwarded-User", "insp-1"}})
                ->status,
            200);
  httplib::Client scrape("127.0.0.1", (*measured)->metrics_port());
  httplib::Result metrics = scrape.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_THAT(metrics->body, HasSubstr("GET /v1/{name=inspections/*}"));
  EXPECT_THAT(metrics->body, HasSubstr("service=\"workbench\""));
}

TEST_F(WorkbenchTest, SystemsCallTheJsonApiOverMutualTls) {
  workbench::WorkbenchServerOptions options = Options();
  options.api_listen = "127.0.0.1:0";
  auto served = workbench::WorkbenchServer::Start(options);
  ASSERT_TRUE(served.ok()) << served.status();
  const std::string& dir = TestCertificates();
  auto as = [&](const std::string& cert) {
    auto client = std::make_unique<httplib::SSLClient>(
        "127.0.0.1", (*served)->api_port(), dir + "/" + cert + ".pem",
        dir + "/" + cert + ".key");
    client->set_ca_cert_path((dir + "/ca.pem").c_str());
    client->enable_server_certificate_verification(true);
    return client;
  };
  httplib::Result inspector =
      as("insp-1")->Get("/v1/inspections/bolton-2014-12");
  ASSERT_TRUE(inspector) << httplib::to_string(inspector.error());
  EXPECT_EQ(inspector->status, 200) << inspector->body;
  // The proxy's header means nothing here: the certificate is the caller.
  httplib::Result claimed = as("stranger")
                                ->Get("/v1/inspections/bolton-2014-12",
                                      {{"X-Forwarded-User", "insp-1"}});
  ASSERT_TRUE(claimed);
  EXPECT_EQ(claimed->status, 401);
  // Pages are for browsers behind the proxy only.
  EXPECT_EQ(as("insp-1")->Get("/")->status, 404);
  // No certificate, no connection.
  httplib::SSLClient anonymous("127.0.0.1", (*served)->api_port());
  anonymous.set_ca_cert_path((dir + "/ca.pem").c_str());
  EXPECT_FALSE(anonymous.Get("/v1/inspections/bolton-2014-12"));
}

}  // namespace
}  // namespace yjinspect::testing
