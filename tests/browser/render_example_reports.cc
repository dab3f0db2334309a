// Renders the two example inspections from intake to report, through both
// services over real gRPC in this process, and writes each report's HTML
// for the browser checks (report_pages.test.mjs):
//
//   render_example_reports OUT_DIR
//
// writes OUT_DIR/bolton-sqs-2014.html (the SQS letter),
// OUT_DIR/eastmoor-2025.html (the rated report, with recommendations) and
// OUT_DIR/eastmoor-2025-board.html (the management board's summary of its
// action plan).
// Exits 1, saying why, when a run fails.

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "tests/testing/recorded_run.h"

#ifndef YJ_SOURCE_DIR
#error "YJ_SOURCE_DIR must name the source tree (set in tests/browser.cmake)"
#endif

namespace {

struct Example {
  const char* spec;
  const char* page;
  // Empty: the spec records no action plan.
  const char* board_page;
};

constexpr Example kExamples[] = {
    {"/examples/bolton-sqs-2014.run.textproto", "bolton-sqs-2014.html", ""},
    {"/examples/eastmoor-2025/run.textproto", "eastmoor-2025.html",
     "eastmoor-2025-board.html"},
};

bool Write(const std::filesystem::path& path, const std::string& html) {
  std::ofstream page(path, std::ios::binary);
  page << html;
  page.close();
  if (!page) {
    std::fprintf(stderr, "cannot write %s\n", path.string().c_str());
    return false;
  }
  std::printf("wrote %s\n", path.string().c_str());
  return true;
}

bool Render(const Example& example, const std::filesystem::path& out_dir) {
  yjinspect::testing::InProcessRun run;
  run.Read(absl::StrCat(YJ_SOURCE_DIR, example.spec));
  run.outcome = run.Run();
  if (::testing::AssertionResult ok = run.Succeeded(); !ok) {
    std::fprintf(stderr, "%s: %s\n", example.spec, ok.message());
    return false;
  }
  if (!Write(out_dir / example.page, run.outcome->report.html())) return false;
  if (*example.board_page == '\0') return true;
  if (!run.outcome->board_summary.has_value()) {
    std::fprintf(stderr, "%s: the run rendered no board summary\n",
                 example.spec);
    return false;
  }
  return Write(out_dir / example.board_page,
               run.outcome->board_summary->html());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUT_DIR\n", argv[0]);
    return 2;
  }
  const std::filesystem::path out_dir = argv[1];
  std::error_code error;
  std::filesystem::create_directories(out_dir, error);
  if (error) {
    std::fprintf(stderr, "cannot create %s: %s\n", argv[1],
                 error.message().c_str());
    return 1;
  }
  for (const Example& example : kExamples) {
    if (!Render(example, out_dir)) return 1;
  }
  return 0;
}
