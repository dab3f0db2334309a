#include "cli/transport_options.h"

#include <iostream>

#include "cli/client/exit_codes.h"
#include "cli/client/rpc_client.h"

namespace yjinspect::cli {

void AddTransportOptions(CLI::App& app, common::TransportSecurity* security) {
  app.add_option("--cert,--tls-cert,--tls_cert", security->cert_file,
                 "PEM client certificate: who you are to the services")
      ->envname("YJINSPECT_TLS_CERT");
  app.add_option("--key,--tls-key,--tls_key", security->key_file,
                 "PEM private key of the client certificate")
      ->envname("YJINSPECT_TLS_KEY");
  app.add_option("--ca,--tls-ca,--tls_ca", security->ca_file,
                 "PEM CA bundle the services' certificates chain to")
      ->envname("YJINSPECT_TLS_CA");
  app.add_flag("--insecure", security->insecure,
               "plaintext, for services started with --insecure (local "
               "development only)")
      ->envname("YJINSPECT_INSECURE");
}

int ApplyTransportOptions(const common::TransportSecurity& security) {
  absl::Status complete =
      common::CheckTransportSecurity(security, /*server=*/false);
  if (!complete.ok()) return ReportUsageFailure(complete.message());
  auto credentials = common::ChannelCredentialsFor(security);
  if (!credentials.ok()) {
    return ReportUsageFailure(credentials.status().message());
  }
  SetChannelCredentials(*std::move(credentials));
  return kExitOk;
}

}  // namespace yjinspect::cli
