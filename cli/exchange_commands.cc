#include "cli/exchange_commands.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/client/exit_codes.h"
#include "cli/client/rpc_client.h"
#include "cli/exchange/context_figures.h"
#include "cli/exchange/export_results.h"
#include "cli/exchange/import_caseload.h"
#include "cli/exchange/import_victim_cases.h"
#include "cli/exchange/whole_file.h"
#include "cli/inspection_name.h"
#include "cli/json_output.h"
#include "cli/subcommand.h"
#include "common/field_violations.h"
#include "yjinspect/v1/findings_service.grpc.pb.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::cli {
namespace {

using exchange::RowProblem;

void PrintProblem(const RowProblem& p) {
  std::cerr << "  line " << p.line << (p.field.empty() ? "" : ": ") << p.field
            << ": " << p.reason << "\n";
}

// "[=========>          ] 4500/9000 cases" redrawn in place, `what` naming
// the rows ("cases", "victims' cases").
void DrawProgress(const char* what, int done, int total) {
  constexpr int kWidth = 30;
  int filled = total == 0 ? kWidth : done * kWidth / total;
  std::string bar(static_cast<size_t>(filled), '=');
  bar.resize(kWidth, ' ');
  std::fprintf(stderr, "\r[%s] %d/%d %s", bar.c_str(), done, total, what);
  if (done == total) std::fprintf(stderr, "\n");
  std::fflush(stderr);
}

struct ImportFileOptions {
  std::string path;
  // "jsonl" or "csv"; empty: by the file's extension.
  std::string format;
  int chunk = 500;
};

// ImportCaseloadFile or ImportVictimCasesFile.
using FileImporter = absl::StatusOr<exchange::ImportReport> (*)(
    const std::string&, exchange::CaseloadFormat,
    v1::CaseIntake::StubInterface&, const exchange::ImportOptions&);

// An exchange file imported, reported and turned into an exit code the
// same way whatever its rows are.
int ImportFile(const GlobalOptions& global, const ImportFileOptions& options,
               const char* what, FileImporter importer) {
  const std::string& path = options.path;
  auto format = options.format.empty()
                    ? exchange::FormatOfPath(path)
                    : exchange::ParseFormatName(options.format);
  if (!format) {
    return ReportUsageFailure(
        "say --format jsonl or --format csv (the file's extension does not "
        "tell)");
  }
  exchange::ImportOptions sending;
  sending.chunk_size = options.chunk;
  if (!global.json && isatty(fileno(stderr))) {
    sending.progress = [what](int done, int total) {
      DrawProgress(what, done, total);
    };
  }
  auto stub = v1::CaseIntake::NewStub(Connect(global.intake));
  auto report = importer(path, *format, *stub, sending);
  if (!report.ok()) return ReportFailure(report.status());
  if (global.json) {
    std::cout << exchange::ImportReportJson(*report) << "\n";
  } else if (report->refusal) {
    std::cerr << "error: file refused, nothing sent:\n";
    PrintProblem(*report->refusal);
  } else {
    std::cout << absl::StrFormat(
        "%s: %d lines read; %d stored, %d already stored, %d lines refused\n",
        path, report->lines_read, report->created, report->unchanged,
        report->RefusedLines());
    for (const auto& p : report->problems) PrintProblem(p);
  }
  if (report->refusal) return kExitRefused;
  return report->problems.empty() ? kExitOk : kExitPartial;
}

int ImportCases(const GlobalOptions& global, const ImportFileOptions& options) {
  return ImportFile(global, options, "cases", &exchange::ImportCaseloadFile);
}

int ImportVictimCases(const GlobalOptions& global,
                      const ImportFileOptions& options) {
  return ImportFile(global, options, "victims' cases",
                    &exchange::ImportVictimCasesFile);
}

// The file, --format and --chunk of an import command; `what` names its
// rows.
void AddImportFileOptions(CLI::App& command, ImportFileOptions* options,
                          const std::string& file_help,
                          const std::string& what) {
  command.add_option("file", options->path, file_help)->required();
  command
      .add_option("--format", options->format,
                  "jsonl or csv (default: by extension)")
      ->check(CLI::IsMember({"jsonl", "csv"}));
  command
      .add_option("--chunk", options->chunk, what + " per batch chunk (1-1000)")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
}

int ImportContext(const GlobalOptions& global,
                  const FileForInspection& options) {
  const std::string& path = options.file;
  auto text = exchange::ReadWholeFile(path);
  if (!text.ok()) return ReportFailure(text.status());
  exchange::ContextFigures parsed = exchange::ParseContextFigures(*text);
  if (!parsed.problems.empty()) {
    // Each problem a field violation ("line 3.reoffending"), so that --json
    // carries them as a google.rpc.BadRequest like a service's refusal.
    common::FieldViolations problems;
    for (const auto& p : parsed.problems) {
      problems.Add(
          absl::StrCat("line ", p.line, p.field.empty() ? "" : ".", p.field),
          p.reason);
    }
    return ReportFailure(problems.ToStatus(
        absl::StrCat("context figures file ", path, " (nothing sent)")));
  }
  auto stub = v1::Findings::NewStub(Connect(global.findings));
  auto stored = exchange::SetContextFigures(
      *stub, InspectionName(options.inspection), parsed.figures);
  if (!stored.ok()) return ReportFailure(stored.status());
  if (global.json) {
    PrintJsonLine({{"name", stored->name()}, {"etag", stored->etag()}});
  } else {
    std::cout << stored->name() << ": context figures set ("
              << (parsed.figures.has_reoffending() ? "reoffending " : "")
              << (parsed.figures.has_looked_after() ? "looked_after" : "")
              << ")\n";
  }
  return kExitOk;
}

struct ExportOptions {
  std::string inspection;
  // Empty: standard output.
  std::string out;
};

int ExportResults(const GlobalOptions& global, const ExportOptions& options) {
  const std::string& out = options.out;
  auto stub = v1::Findings::NewStub(Connect(global.findings));
  auto json =
      exchange::ExportResults(*stub, InspectionName(options.inspection));
  if (!json.ok()) return ReportFailure(json.status());
  if (out.empty()) {
    std::cout << *json << "\n";
    return kExitOk;
  }
  if (absl::Status written = exchange::WriteWholeFile(out, *json + "\n");
      !written.ok()) {
    return ReportFailure(written);
  }
  std::cout << out << "\n";
  return kExitOk;
}

// How the exchange commands explain the inspection they take.
constexpr char kInspectionIdOrName[] = "inspection id or name";

}  // namespace

void AddExchangeCommands(Subcommands commands) {
  auto [cases, import_cases] = commands.Add(
      "import-cases",
      "import a caseload file in the YJB exchange format "
      "(docs/yjb-exchange.md). Exit 0 all stored, 1 some lines refused, "
      "3 file refused (identifying column, malformed), nothing sent",
      ImportCases);
  AddImportFileOptions(*cases, import_cases, "caseload file (.jsonl or .csv)",
                       "cases");

  auto [victims, import_victims] = commands.Add(
      "import-victim-cases",
      "import a victims' cases file in the YJB exchange format "
      "(docs/yjb-exchange.md); the children's cases they relate to must be "
      "imported first. Exit 0 all stored, 1 some lines refused, 3 file "
      "refused (identifying column, malformed), nothing sent",
      ImportVictimCases);
  AddImportFileOptions(*victims, import_victims,
                       "victims' cases file (.jsonl or .csv)",
                       "victims' cases");

  auto [context, import_context] = commands.Add(
      "import-context",
      "set an inspection's context figures (reoffending, looked_after) "
      "from a CSV file, keeping its other report inputs",
      ImportContext);
  AddFileForInspection(*context, import_context, "context figures CSV",
                       kInspectionIdOrName);

  auto [results, export_results] =
      commands.Add("export-results",
                   "export an inspection's counts, verdicts and report as JSON "
                   "(docs/yjb-export.schema.json)",
                   ExportResults);
  AddInspectionArgument(*results, "inspection", &export_results->inspection,
                        kInspectionIdOrName);
  results->add_option("--out", export_results->out,
                      "write to this file (default: stdout)");
}

}  // namespace yjinspect::cli
