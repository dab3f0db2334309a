#include "services/workbench/workbench_server.h"

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <chrono>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/access/access_policy.h"
#include "common/request_id.h"
#include "common/status_macros.h"
#include "common/telemetry/logging.h"
#include "common/telemetry/service_metrics.h"
#include "httplib.h"
#include "nlohmann/json.hpp"
#include "services/findings/report/html_writer.h"
#include "services/workbench/api_gateway.h"
#include "services/workbench/csrf_guard.h"
#include "services/workbench/page_files.h"
#include "yjinspect/v1/findings_service.grpc.pb.h"
#include "yjinspect/v1/findings_service.pb.h"
#include "yjinspect/v1/frameworks_service.grpc.pb.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::workbench {
namespace {

// Pages: scripts and styles from the workbench only, no inline script, no
// framing, nothing sent elsewhere.
constexpr char kPageSecurityPolicy[] =
    "default-src 'none'; script-src 'self'; style-src 'self'; "
    "img-src 'self'; connect-src 'self'; frame-src 'self'; "
    "form-action 'none'; frame-ancestors 'none'; base-uri 'none'";
// The report preview: the rendered report's own inline style sheet, no
// script at all, shown only inside the workbench's own page.
constexpr char kReportSecurityPolicy[] =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "frame-ancestors 'self'; base-uri 'none'; form-action 'none'; sandbox";

struct HostPort {
  std::string host;
  int port = 0;
};

absl::StatusOr<HostPort> SplitHostPort(absl::string_view address,
                                       absl::string_view flag) {
  const size_t colon = address.rfind(':');
  HostPort hp;
  if (colon == absl::string_view::npos ||
      !absl::SimpleAtoi(address.substr(colon + 1), &hp.port) || hp.port < 0 ||
      hp.port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, " \"", address, "\" is not HOST:PORT"));
  }
  hp.host = std::string(address.substr(0, colon));
  if (hp.host.size() >= 2 && hp.host.front() == '[') {
    hp.host = hp.host.substr(1, hp.host.size() - 2);
  }
  return hp;
}

std::optional<std::string> HeaderOf(const httplib::Request& request,
                                    const std::string& name) {
  if (!request.has_header(name.c_str())) return std::nullopt;
  return request.get_header_value(name.c_str());
}

// What the request-forgery guard reads of a browser's request.
BrowserRequest BrowserRequestOf(const httplib::Request& request,
                                const std::string& user) {
  BrowserRequest browser;
  browser.method = request.method;
  browser.user = user;
  browser.token = HeaderOf(request, "X-CSRF-Token");
  browser.fetch_site = HeaderOf(request, "Sec-Fetch-Site");
  browser.content_type = HeaderOf(request, "Content-Type");
  browser.has_body = !request.body.empty();
  return browser;
}

// The subject Common Name of the verified client certificate, or empty.
std::string ClientCommonName(const httplib::Request& request) {
  if (request.ssl == nullptr) return "";
  X509* cert = SSL_get1_peer_certificate(request.ssl);
  if (cert == nullptr) return "";
  char name[256] = {};
  const int length = X509_NAME_get_text_by_NID(
      X509_get_subject_name(cert), NID_commonName, name, sizeof(name));
  X509_free(cert);
  return length > 0 ? std::string(name, static_cast<size_t>(length)) : "";
}

void SetNoCache(httplib::Response& response) {
  response.set_header("Cache-Control", "no-store");
  response.set_header("Pragma", "no-cache");
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("Referrer-Policy", "no-referrer");
  response.set_header("Cross-Origin-Opener-Policy", "same-origin");
  response.set_header("Cross-Origin-Resource-Policy", "same-origin");
}

}  // namespace

class WorkbenchServer::Impl {
 public:
  Impl(WorkbenchServerOptions options, SignIn sign_in, CsrfGuard csrf,
       std::shared_ptr<const ServiceCalls> calls, ApiGateway gateway)
      : options_(std::move(options)),
        sign_in_(std::move(sign_in)),
        csrf_(std::move(csrf)),
        calls_(std::move(calls)),
        gateway_(std::move(gateway)),
        metrics_("workbench") {}

  ~Impl() { Shutdown(); }

  absl::Status Serve() {
    ASSIGN_OR_RETURN(HostPort web, SplitHostPort(options_.listen, "--listen"));
    Route(web_, /*from_browsers=*/true);
    port_ = Bind(web_, web);
    if (port_ <= 0) {
      return absl::UnavailableError(
          absl::StrCat("cannot listen on ", options_.listen));
    }
    threads_.emplace_back([this] { web_.listen_after_bind(); });
    WaitUntilRunning(web_);
    if (!options_.api_listen.empty()) {
      ASSIGN_OR_RETURN(HostPort api,
                       SplitHostPort(options_.api_listen, "--api_listen"));
      api_ = std::make_unique<httplib::SSLServer>(
          options_.security.cert_file.c_str(),
          options_.security.key_file.c_str(),
          options_.security.ca_file.c_str());
      if (!api_->is_valid()) {
        return absl::FailedPreconditionError(
            "cannot serve the JSON API over mutual TLS: the certificate, key "
            "or CA file is not usable");
      }
      // cpp-httplib 0.11 allows TLS 1.1; the services' gRPC does not.
      SSL_CTX_set_min_proto_version(api_->ssl_context(), TLS1_2_VERSION);
      Route(*api_, /*from_browsers=*/false);
      api_port_ = Bind(*api_, api);
      if (api_port_ <= 0) {
        return absl::UnavailableError(
            absl::StrCat("cannot listen on ", options_.api_listen));
      }
      threads_.emplace_back([this] { api_->listen_after_bind(); });
      WaitUntilRunning(*api_);
    }
    if (!options_.metrics_listen.empty()) {
      ASSIGN_OR_RETURN(metrics_port_, metrics_.Serve(options_.metrics_listen));
    }
    return absl::OkStatus();
  }

  // httplib's stop() does nothing until the listening thread has begun, so
  // a Shutdown right after Serve could otherwise wait on accept() for ever.
  static void WaitUntilRunning(const httplib::Server& server) {
    for (int i = 0; i < 2000 && !server.is_running(); ++i) {
      absl::SleepFor(absl::Milliseconds(1));
    }
  }

  // The port bound, or -1.
  static int Bind(httplib::Server& server, const HostPort& address) {
    if (address.port == 0) return server.bind_to_any_port(address.host);
    return server.bind_to_port(address.host, address.port) ? address.port : -1;
  }

  void Shutdown() {
    web_.stop();
    if (api_ != nullptr) api_->stop();
    for (std::thread& t : threads_) {
      if (t.joinable()) t.join();
    }
    threads_.clear();
    metrics_.StopServing();
  }

  int port() const { return port_; }
  int api_port() const { return api_port_; }
  int metrics_port() const { return metrics_port_; }

 private:
  void Route(httplib::Server& server, bool from_browsers) {
    server.set_payload_max_length(1 << 20);
    server.set_read_timeout(std::chrono::seconds(30));
    // Before any body is read: cpp-httplib 0.11 holds the size limit only
    // against Content-Length, so a chunked or compressed body is refused
    // (the pages never send one), and on the browsers' port a request from
    // anywhere but the proxy (or, in development, naming another host) is
    // refused before it costs anything. Probes answer anyone.
    server.set_pre_routing_handler(
        [this, from_browsers](const httplib::Request& request,
                              httplib::Response& response) {
          if (request.has_header("Transfer-Encoding") ||
              request.has_header("Content-Encoding")) {
            WriteRefusal(response,
                         absl::InvalidArgumentError(
                             "send the body whole, with Content-Length and "
                             "no Content-Encoding"),
                         "early");
            return httplib::Server::HandlerResponse::Handled;
          }
          if (!from_browsers || request.path == "/healthz" ||
              request.path == "/readyz") {
            return httplib::Server::HandlerResponse::Unhandled;
          }
          const absl::Status source = sign_in_.CheckSource(
              request.remote_addr, request.get_header_value("Host"));
          if (source.ok()) return httplib::Server::HandlerResponse::Unhandled;
          WriteRefusal(response, source, "early");
          return httplib::Server::HandlerResponse::Handled;
        });
    // A handler that throws (none should) still answers, as a refusal,
    // and is logged by its route alone.
    server.set_exception_handler([this](const httplib::Request&,
                                        httplib::Response& response,
                                        const std::exception_ptr&) {
      WriteRefusal(response, absl::InternalError("the request failed"),
                   "exception");
    });
    server.set_post_routing_handler(
        [](const httplib::Request&, httplib::Response& response) {
          SetNoCache(response);
        });
    server.Get("/healthz", [](const httplib::Request&, httplib::Response& r) {
      r.set_content("ok\n", "text/plain");
    });
    server.Get("/readyz",
               [this](const httplib::Request&, httplib::Response& r) {
                 const bool ready = calls_->AllConnected(absl::Seconds(2));
                 r.status = ready ? 200 : 503;
                 r.set_content(ready ? "ready\n" : "a service is not serving\n",
                               "text/plain");
               });
    auto api = [this, from_browsers](const httplib::Request& request,
                                     httplib::Response& response) {
      HandleApi(request, response, from_browsers);
    };
    server.Get("/v1/.*", api);
    server.Post("/v1/.*", api);
    server.Patch("/v1/.*", api);
    server.Put("/v1/.*", api);
    server.Delete("/v1/.*", api);
    if (!from_browsers) return;
    server.Get("/", [this](const httplib::Request& request,
                           httplib::Response& response) {
      ServePage(request, response, "index.html");
    });
    server.Get(
        "/static/([A-Za-z0-9_.-]+)",
        [this](const httplib::Request& request, httplib::Response& response) {
          ServePage(request, response, request.matches[1].str());
        });
    server.Get("/workbench/session", [this](const httplib::Request& request,
                                            httplib::Response& response) {
      ServeSession(request, response);
    });
    server.Get(
        "/workbench/report-preview",
        [this](const httplib::Request& request, httplib::Response& response) {
          ServeReportPreview(request, response);
        });
  }

  // The signed-in user of a request, or the refusal already written.
  // `reads_data`: the request reads or changes inspection data (every
  // path but the pages themselves, which a link from elsewhere may open).
  std::optional<std::string> SignedIn(const httplib::Request& request,
                                      httplib::Response& response,
                                      bool from_browsers,
                                      absl::string_view route,
                                      const std::string& request_id,
                                      bool reads_data = true) {
    absl::StatusOr<std::string> user;
    if (from_browsers) {
      const std::string& header = sign_in_.options().user_header;
      std::vector<std::string> values;
      for (size_t i = 0; i < request.get_header_value_count(header); ++i) {
        values.push_back(request.get_header_value(header.c_str(), i));
      }
      user = sign_in_.UserOf(request.remote_addr, values);
      // Reads too: a page of another site must not make the workbench read
      // (and the services audit) anything as the signed-in user.
      if (user.ok() && reads_data) {
        BrowserRequest browser = BrowserRequestOf(request, *user);
        if (absl::Status same_site = csrf_.Check(browser); !same_site.ok()) {
          user = same_site;
        }
      }
    } else {
      const std::string identity = ClientCommonName(request);
      absl::StatusOr<const common::PolicyEntry*> person =
          sign_in_.Person(identity);
      if (person.ok()) {
        user = identity;
      } else {
        user = person.status();
      }
    }
    if (user.ok()) return *user;
    Finish(response, Refusal(user.status(), std::string(route)), "", request_id,
           absl::Now());
    return std::nullopt;
  }

  void HandleApi(const httplib::Request& request, httplib::Response& response,
                 bool from_browsers) {
    const absl::Time start = absl::Now();
    const std::string request_id = RequestIdOf(request);
    std::optional<std::string> user =
        SignedIn(request, response, from_browsers, "api", request_id);
    if (!user.has_value()) return;
    ApiRequest call;
    call.method = request.method;
    // The path as sent, still percent-encoded: cpp-httplib's request.path
    // is decoded already, and the route's template decodes each segment
    // once, after splitting (so "%2F" stays inside its segment).
    call.path = request.target.substr(0, request.target.find('?'));
    for (const auto& [name, value] : request.params) {
      call.query.emplace(name, value);
    }
    call.body = request.body;
    call.user = *user;
    call.request_id = request_id;
    Finish(response, gateway_.Handle(call), *user, request_id, start);
  }

  void ServePage(const httplib::Request& request, httplib::Response& response,
                 const std::string& name) {
    const std::string request_id = RequestIdOf(request);
    if (!SignedIn(request, response, true, "page", request_id,
                  /*reads_data=*/false)) {
      return;
    }
    absl::string_view text;
    absl::string_view media_type;
    if (!FindPage(name, &text, &media_type)) {
      response.status = 404;
      response.set_content("no such page\n", "text/plain");
      return;
    }
    response.set_header("Content-Security-Policy", kPageSecurityPolicy);
    response.set_header("X-Frame-Options", "DENY");
    response.set_content(std::string(text), std::string(media_type).c_str());
  }

  void ServeSession(const httplib::Request& request,
                    httplib::Response& response) {
    const absl::Time start = absl::Now();
    const std::string request_id = RequestIdOf(request);
    std::optional<std::string> user =
        SignedIn(request, response, true, "session", request_id);
    if (!user.has_value()) return;
    absl::StatusOr<const common::PolicyEntry*> person = sign_in_.Person(*user);
    if (!person.ok()) {
      Finish(response, Refusal(person.status(), "session"), *user, request_id,
             start);
      return;
    }
    nlohmann::json assignments = nlohmann::json::array();
    for (const auto& [inspection, yot] : (*person)->assignments) {
      assignments.push_back({{"inspection", "inspections/" + inspection},
                             {"yot", "yots/" + yot}});
    }
    nlohmann::json session = {
        {"user", *user},
        {"role", std::string(common::RoleName((*person)->role))},
        {"development", sign_in_.development()},
        {"csrfToken", csrf_.TokenFor(*user)},
        {"assignments", assignments}};
    ApiResponse answer;
    answer.json =
        session.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    answer.route = "GET /workbench/session";
    answer.code = "OK";
    Finish(response, answer, *user, request_id, start);
  }

  void ServeReportPreview(const httplib::Request& request,
                          httplib::Response& response) {
    const absl::Time start = absl::Now();
    const std::string request_id = RequestIdOf(request);
    std::optional<std::string> user =
        SignedIn(request, response, true, "report-preview", request_id);
    if (!user.has_value()) return;
    v1::RenderReportRequest render;
    render.set_inspection(request.get_param_value("inspection"));
    render.set_edition(v1::REPORT_EDITION_PUBLISHED);
    const auto* method = CompiledService(v1::Findings::service_full_name())
                             ->FindMethodByName("RenderReport");
    absl::StatusOr<std::unique_ptr<google::protobuf::Message>> answer =
        calls_->Call(*method, render, *user, request_id);
    if (!answer.ok()) {
      // A page, not JSON: it is shown in the verdicts page's frame.
      const ApiResponse refusal =
          Refusal(answer.status(), "GET /workbench/report-preview");
      response.status = refusal.http_status;
      response.set_header("Content-Security-Policy", kReportSecurityPolicy);
      response.set_header("X-Frame-Options", "SAMEORIGIN");
      response.set_content(
          absl::StrCat("<!doctype html>\n<html lang=\"en-GB\">\n<head>"
                       "<meta charset=\"utf-8\"><title>Report preview"
                       "</title></head>\n<body>\n<h1>The report cannot be "
                       "shown yet</h1>\n<p>",
                       findings::EscapeHtml(answer.status().message()),
                       "</p>\n</body>\n</html>\n"),
          "text/html; charset=utf-8");
      Record(refusal.route, refusal.code, refusal.http_status, *user,
             request_id, start);
      return;
    }
    const auto& report = static_cast<const v1::RenderedReport&>(**answer);
    response.set_header("Content-Security-Policy", kReportSecurityPolicy);
    response.set_header("X-Frame-Options", "SAMEORIGIN");
    response.set_content(report.html(), "text/html; charset=utf-8");
    Record("GET /workbench/report-preview", "OK", 200, *user, request_id,
           start);
  }

  static std::string RequestIdOf(const httplib::Request& request) {
    std::string id = request.get_header_value("X-Request-Id");
    const bool usable =
        !id.empty() && id.size() <= 64 &&
        id.find_first_not_of("0123456789abcdefABCDEF-") == std::string::npos;
    return usable ? id : common::NewRequestId();
  }

  // A refusal made before the request reached a handler, logged by `stage`.
  void WriteRefusal(httplib::Response& response, const absl::Status& status,
                    const std::string& stage) {
    Finish(response, Refusal(status, stage), "", common::NewRequestId(),
           absl::Now());
  }

  void Finish(httplib::Response& response, const ApiResponse& answer,
              const std::string& user, const std::string& request_id,
              absl::Time start) {
    response.status = answer.http_status;
    response.set_header("X-Request-Id", request_id);
    response.set_content(answer.json, "application/json");
    Record(answer.route, answer.code, answer.http_status, user, request_id,
           start);
  }

  // One log line and one metric per request: the route, never the path
  // (it names cases) nor the body.
  void Record(const std::string& route, const std::string& code,
              int http_status, const std::string& user,
              const std::string& request_id, absl::Time start) {
    const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
    metrics_.RecordCall(route, code, seconds);
    common::LogFields fields;
    fields.Add("route", route)
        .Add("code", code)
        .Add("http_status", static_cast<int64_t>(http_status))
        .Add("user", user)
        .Add("request_id", request_id)
        .Add("duration_ms", seconds * 1000);
    common::LogEvent(
        http_status >= 500 ? spdlog::level::warn : spdlog::level::info,
        "request", fields);
  }

  const WorkbenchServerOptions options_;
  const SignIn sign_in_;
  const CsrfGuard csrf_;
  std::shared_ptr<const ServiceCalls> calls_;
  const ApiGateway gateway_;
  common::ServiceMetrics metrics_;
  httplib::Server web_;
  std::unique_ptr<httplib::SSLServer> api_;
  std::vector<std::thread> threads_;
  int port_ = 0;
  int api_port_ = 0;
  int metrics_port_ = 0;
};

WorkbenchServer::WorkbenchServer(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)) {}

WorkbenchServer::~WorkbenchServer() { Shutdown(); }

int WorkbenchServer::port() const { return impl_->port(); }
int WorkbenchServer::api_port() const { return impl_->api_port(); }
int WorkbenchServer::metrics_port() const { return impl_->metrics_port(); }

void WorkbenchServer::Shutdown() { impl_->Shutdown(); }

absl::StatusOr<std::unique_ptr<WorkbenchServer>> WorkbenchServer::Start(
    const WorkbenchServerOptions& options) {
  RETURN_IF_ERROR(common::CheckTransportSecurity(options.security,
                                                 /*server=*/false));
  if (options.security.policy_file.empty()) {
    return absl::FailedPreconditionError(
        "the workbench needs the services' access policy (--policy_file): "
        "who may sign in, and their assignments");
  }
  ASSIGN_OR_RETURN(
      common::AccessPolicy policy,
      common::AccessPolicy::LoadFile(options.security.policy_file));
  if (!options.api_listen.empty() && options.security.insecure) {
    return absl::InvalidArgumentError(
        "--api_listen serves systems over mutual TLS: it needs --tls_cert, "
        "--tls_key and --tls_ca, not --insecure");
  }
  ASSIGN_OR_RETURN(HostPort web, SplitHostPort(options.listen, "--listen"));
  ASSIGN_OR_RETURN(SignIn sign_in,
                   SignIn::Create(options.sign_in, web.host,
                                  std::make_shared<common::AccessPolicy>(
                                      std::move(policy))));
  std::optional<CsrfGuard> csrf;
  if (options.csrf_key_file.empty()) {
    csrf = CsrfGuard::WithRandomKey();
  } else {
    ASSIGN_OR_RETURN(CsrfGuard from_file,
                     CsrfGuard::WithKeyFile(options.csrf_key_file));
    csrf = std::move(from_file);
  }
  ASSIGN_OR_RETURN(std::shared_ptr<grpc::ChannelCredentials> credentials,
                   common::ChannelCredentialsFor(options.security));
  std::shared_ptr<grpc::Channel> intake =
      grpc::CreateChannel(options.intake, credentials);
  std::shared_ptr<grpc::Channel> findings =
      grpc::CreateChannel(options.findings, credentials);
  const std::vector<const google::protobuf::ServiceDescriptor*> services = {
      CompiledService(v1::CaseIntake::service_full_name()),
      CompiledService(v1::Findings::service_full_name()),
      CompiledService(v1::Frameworks::service_full_name())};
  ASSIGN_OR_RETURN(HttpRoutes routes, HttpRoutes::ForServices(services));
  auto calls = std::make_shared<const ServiceCalls>(
      std::map<std::string, std::shared_ptr<grpc::Channel>>{
          {v1::CaseIntake::service_full_name(), intake},
          {v1::Findings::service_full_name(), findings},
          {v1::Frameworks::service_full_name(), findings}},
      options.call_deadline);
  auto impl =
      std::make_unique<Impl>(options, std::move(sign_in), *std::move(csrf),
                             calls, ApiGateway(std::move(routes), calls));
  RETURN_IF_ERROR(impl->Serve());
  return std::unique_ptr<WorkbenchServer>(new WorkbenchServer(std::move(impl)));
}

}  // namespace yjinspect::workbench
