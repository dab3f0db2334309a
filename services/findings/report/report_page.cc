#include "services/findings/report/report_page.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "services/findings/report/embedded_report_files.h"
#include "services/findings/report/html_writer.h"
#include "services/findings/report/report_template.h"

namespace yjinspect::findings {
namespace {

constexpr absl::string_view kHtmlPage = "reports/report.html.tmpl";
constexpr absl::string_view kStyleSheet = "reports/report.css";

std::string Title(const std::vector<Block>& blocks,
                  absl::string_view fallback) {
  for (const Block& block : blocks) {
    if (block.kind == BlockKind::kHeading && block.level <= 2) {
      return InlineText(block.items.at(0));
    }
  }
  return std::string(fallback);
}

}  // namespace

absl::StatusOr<absl::string_view> BuiltInReportFile(absl::string_view name) {
  for (const common::EmbeddedFile& file : EmbeddedReportFiles()) {
    if (file.file_name == name) return file.text;
  }
  return absl::InternalError(
      absl::StrCat("the built-in report file ", name, " is missing"));
}

absl::StatusOr<std::string> HtmlReportPage(const std::vector<Block>& blocks,
                                           absl::string_view fallback_title) {
  ASSIGN_OR_RETURN(absl::string_view page, BuiltInReportFile(kHtmlPage));
  ASSIGN_OR_RETURN(absl::string_view css, BuiltInReportFile(kStyleSheet));
  if (absl::StrContains(css, "</")) {
    return absl::InternalError(
        absl::StrCat(kStyleSheet, " must not contain \"</\""));
  }
  absl::StatusOr<std::string> html = SubstitutePlaceholders(
      kHtmlPage, page,
      {{"title", EscapeHtml(Title(blocks, fallback_title))},
       {"css", std::string(css)},
       {"body", WriteHtmlBody(blocks)}});
  if (!html.ok()) return absl::InternalError(html.status().message());
  return html;
}

}  // namespace yjinspect::findings
