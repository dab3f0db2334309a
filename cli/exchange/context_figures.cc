#include "cli/exchange/context_figures.h"

#include <map>
#include <set>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "cli/client/rpc_client.h"
#include "cli/exchange/csv_reader.h"
#include "common/rpc/grpc_status.h"

namespace yjinspect::cli::exchange {
namespace {

constexpr const char* kColumns[] = {
    "kind",          "rate",           "previous_year_rate",
    "national_rate", "national_label", "cohort",
    "measure",       "source",         "published"};

class FiguresRow {
 public:
  FiguresRow(int line, std::map<std::string, std::string> cells,
             std::vector<RowProblem>& problems)
      : line_(line), cells_(std::move(cells)), problems_(problems) {}

  std::string Text(const std::string& column) const {
    auto it = cells_.find(column);
    return it == cells_.end() ? "" : it->second;
  }
  int Rate(const std::string& column, bool required) {
    std::string text = Text(column);
    if (text.empty()) {
      if (required) problems_.push_back({line_, column, "is required"});
      return 0;
    }
    auto tenths = ParseRateTenths(text);
    if (!tenths) {
      problems_.push_back(
          {line_, column, "must be a percentage with one decimal, e.g. 36.0"});
      return 0;
    }
    return *tenths;
  }
  void MustBeEmpty(const std::string& column, absl::string_view kind) {
    if (!Text(column).empty()) {
      problems_.push_back(
          {line_, column, absl::StrCat("must be empty for kind ", kind)});
    }
  }

 private:
  int line_;
  std::map<std::string, std::string> cells_;
  std::vector<RowProblem>& problems_;
};

}  // namespace

std::optional<int> ParseRateTenths(absl::string_view text) {
  size_t point = text.find('.');
  if (point == absl::string_view::npos || point == 0 ||
      point + 2 != text.size()) {
    return std::nullopt;
  }
  for (size_t i = 0; i < text.size(); ++i) {
    if (i != point &&
        !absl::ascii_isdigit(static_cast<unsigned char>(text[i]))) {
      return std::nullopt;
    }
  }
  int whole = 0;
  if (!absl::SimpleAtoi(text.substr(0, point), &whole) || whole > 100) {
    return std::nullopt;
  }
  int tenths = whole * 10 + (text.back() - '0');
  if (tenths > 1000) return std::nullopt;
  return tenths;
}

ContextFigures ParseContextFigures(absl::string_view text) {
  ContextFigures out;
  auto records = ReadCsv(text);
  if (!records.ok()) {
    out.problems.push_back({0, "", std::string(records.status().message())});
    return out;
  }
  if (records->empty()) {
    out.problems.push_back({1, "", "no header row"});
    return out;
  }
  std::vector<std::string> header;
  for (const auto& column : records->front().fields) {
    std::string key = absl::AsciiStrToLower(column);
    bool known = false;
    for (const char* c : kColumns) known = known || key == c;
    if (!known) {
      out.problems.push_back({records->front().line, column, "unknown column"});
    }
    header.push_back(key);
  }
  if (!out.problems.empty()) return out;
  std::set<std::string> kinds;
  for (size_t r = 1; r < records->size(); ++r) {
    const CsvRecord& record = (*records)[r];
    if (record.fields.size() != header.size()) {
      out.problems.push_back(
          {record.line, "", "field count differs from the header"});
      continue;
    }
    std::map<std::string, std::string> cells;
    for (size_t i = 0; i < header.size(); ++i)
      cells[header[i]] = record.fields[i];
    FiguresRow row(record.line, std::move(cells), out.problems);
    const std::string kind = row.Text("kind");
    if (!kinds.insert(kind).second) {
      out.problems.push_back({record.line, "kind", "appears more than once"});
      continue;
    }
    if (kind == "reoffending") {
      v1::ReoffendingFigures& f = *out.figures.mutable_reoffending();
      f.set_yot_rate_tenths(row.Rate("rate", true));
      f.set_previous_year_rate_tenths(row.Rate("previous_year_rate", false));
      f.set_national_rate_tenths(row.Rate("national_rate", true));
      f.set_cohort(row.Text("cohort"));
      f.set_measure(row.Text("measure"));
      f.set_source(row.Text("source"));
      f.set_published(row.Text("published"));
      row.MustBeEmpty("national_label", kind);
    } else if (kind == "looked_after") {
      v1::LookedAfterFigures& f = *out.figures.mutable_looked_after();
      f.set_local_rate_tenths(row.Rate("rate", true));
      f.set_national_rate_tenths(row.Rate("national_rate", true));
      f.set_national_label(row.Text("national_label"));
      f.set_source(row.Text("source"));
      f.set_published(row.Text("published"));
      for (const char* c : {"previous_year_rate", "cohort", "measure"}) {
        row.MustBeEmpty(c, kind);
      }
    } else {
      out.problems.push_back(
          {record.line, "kind",
           "unknown kind; accepted: reoffending, looked_after"});
    }
  }
  return out;
}

absl::StatusOr<v1::ReportInputs> SetContextFigures(
    v1::Findings::StubInterface& stub, const std::string& inspection,
    const v1::ReportInputs& figures) {
  v1::GetReportInputsRequest get;
  get.set_inspection(inspection);
  v1::ReportInputs current;
  grpc::Status status = stub.GetReportInputs(Deadline().get(), get, &current);
  if (!status.ok() && status.error_code() != grpc::StatusCode::NOT_FOUND) {
    return common::FromGrpcStatus(status);
  }
  if (!status.ok()) current.Clear();
  v1::SetReportInputsRequest set;
  set.set_inspection(inspection);
  set.set_etag(current.etag());
  *set.mutable_inputs() = current;
  set.mutable_inputs()->clear_name();
  set.mutable_inputs()->clear_etag();
  if (figures.has_reoffending()) {
    *set.mutable_inputs()->mutable_reoffending() = figures.reoffending();
  }
  if (figures.has_looked_after()) {
    *set.mutable_inputs()->mutable_looked_after() = figures.looked_after();
  }
  v1::ReportInputs stored;
  status = stub.SetReportInputs(Deadline().get(), set, &stored);
  if (!status.ok()) return common::FromGrpcStatus(status);
  return stored;
}

}  // namespace yjinspect::cli::exchange
