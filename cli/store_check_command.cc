#include "cli/store_check_command.h"

#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "cli/client/exit_codes.h"
#include "cli/client/rpc_client.h"
#include "cli/json_output.h"
#include "common/storage/store_check.h"

namespace yjinspect::cli {
namespace {

struct CheckOptions {
  std::string data_dir;
  // "SEQUENCE:HEX" or "SEQUENCE", as `audit verify --expect-head` takes it.
  std::string expect_head;
};

int Check(const GlobalOptions& global, const CheckOptions& options) {
  std::optional<common::AuditChainHead> expected;
  if (!options.expect_head.empty()) {
    expected = common::ParseAuditHeadText(options.expect_head);
    if (!expected.has_value()) {
      return ReportUsageFailure(
          "--expect-head must be SEQUENCE:HASH (the hash as 64 hex digits) or "
          "SEQUENCE alone");
    }
  }
  absl::StatusOr<common::StoreCheckReport> report =
      common::CheckStoreOffline(options.data_dir, expected);
  if (!report.ok()) return ReportFailure(report.status());
  if (global.json) {
    PrintJsonLine({{"data_dir", options.data_dir},
                   {"intact", report->intact},
                   {"findings", report->lines}});
  } else {
    for (const std::string& line : report->lines) std::cout << line << "\n";
    if (!report->intact) {
      std::cout << "Do not start a service on this folder. Keep it as it is, "
                   "restore the newest backup into a new folder and start "
                   "the service there (docs/backups.md, \"Restoring\").\n";
    }
  }
  return report->intact ? kExitOk : kExitDamaged;
}

}  // namespace

void AddStoreCheckCommand(Subcommands commands) {
  auto [check, options] = commands.Add(
      "check-store",
      "Check a stopped service's store offline, changing nothing: its files, "
      "that it recovers every write it acknowledged, every table block's "
      "checksum, and its audit trail's chain. Exit code 5 when damaged.",
      Check);
  check
      ->add_option("--data-dir,--data_dir", options->data_dir,
                   "the store's folder (the service's --data_dir)")
      ->required();
  check->add_option("--expect-head", options->expect_head,
                    "SEQUENCE[:HASH] of an audit head noted earlier, which "
                    "the trail must still hold");
}

}  // namespace yjinspect::cli
