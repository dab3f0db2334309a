#include "services/workbench/page_files.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/workbench/workbench_pages.h"

namespace yjinspect::workbench {
namespace {

constexpr absl::string_view kPagesFolder = "services/workbench/pages/";

absl::string_view MediaTypeOf(absl::string_view name) {
  if (absl::EndsWith(name, ".html")) return "text/html; charset=utf-8";
  if (absl::EndsWith(name, ".js")) return "text/javascript; charset=utf-8";
  if (absl::EndsWith(name, ".css")) return "text/css; charset=utf-8";
  if (absl::EndsWith(name, ".svg")) return "image/svg+xml";
  return "application/octet-stream";
}

}  // namespace

bool FindPage(absl::string_view name, absl::string_view* text,
              absl::string_view* media_type) {
  // Only plain file names: no folders, no way out of the pages.
  if (name.empty() || name.find('/') != absl::string_view::npos ||
      name.find("..") != absl::string_view::npos) {
    return false;
  }
  const std::string path = absl::StrCat(kPagesFolder, name);
  for (const common::EmbeddedFile& file : EmbeddedPages()) {
    if (file.file_name == path) {
      *text = file.text;
      *media_type = MediaTypeOf(name);
      return true;
    }
  }
  return false;
}

}  // namespace yjinspect::workbench
