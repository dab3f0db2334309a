// Fuzz target: an inspection run spec file (protobuf text format of
// yjinspect.config.v1.InspectionRunSpec, examples/*.run.textproto), as
// `yjinspect run` reads it, with the files it may name beside it. The spec
// is written to a folder holding a judgements file and a context-figures
// file; a spec naming any other file is skipped, so that the target reads
// nothing outside its folder.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "absl/strings/string_view.h"
#include "cli/inspection_run.h"
#include "fuzz/bolton_inspection.h"
#include "fuzz/fuzz_input.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"

namespace yjinspect::fuzz {
namespace {

constexpr absl::string_view kJudgementsFile = "judgements.textproto";
constexpr absl::string_view kContextFile = "context.csv";

void WriteFile(const std::string& path, absl::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  Require(static_cast<bool>(out), "the fuzz folder is writable");
}

// A folder of this process's own, with the files a spec may name.
const std::string& Folder() {
  static const std::string* folder = [] {
    std::string pattern = "/tmp/yjinspect-fuzz-run-spec-XXXXXX";
    Require(mkdtemp(pattern.data()) != nullptr, "a temp folder is made");
    config::v1::JudgementsFile judgements;
    for (int i = 0; i < 2 && i < BoltonSpec().judgements_size(); ++i) {
      *judgements.add_judgements() = BoltonSpec().judgements(i);
    }
    std::string text;
    google::protobuf::TextFormat::PrintToString(judgements, &text);
    WriteFile(pattern + "/" + std::string(kJudgementsFile), text);
    WriteFile(pattern + "/" + std::string(kContextFile),
              "kind,rate,national_rate,cohort,source,published\n"
              "reoffending,36.0,38.1,2012-13,Ministry of Justice,Oct 2014\n");
    static std::string made = pattern;
    std::atexit([] { std::filesystem::remove_all(made); });
    return new std::string(pattern);
  }();
  return *folder;
}

// The default collector logs each error; the fuzzer only wants to know.
class IgnoredErrors : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int, int, const std::string&) override {}
};

bool NamesOnlyOurFiles(const config::v1::InspectionRunSpec& spec) {
  return (spec.judgements_file().empty() ||
          spec.judgements_file() == kJudgementsFile) &&
         (spec.context_figures_file().empty() ||
          spec.context_figures_file() == kContextFile);
}

}  // namespace
}  // namespace yjinspect::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace yjinspect::fuzz;
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  yjinspect::config::v1::InspectionRunSpec peek;
  google::protobuf::TextFormat::Parser quiet;
  IgnoredErrors ignored;
  quiet.RecordErrorsTo(&ignored);
  if (quiet.ParseFromString(std::string(text), &peek) &&
      !NamesOnlyOurFiles(peek)) {
    return 0;
  }
  const std::string path = Folder() + "/spec.textproto";
  WriteFile(path, text);
  auto spec = yjinspect::cli::ReadRunSpec(path);
  if (spec.ok()) {
    Require(!spec->inspection_id().empty() && spec->has_inspection(),
            "a spec read has an inspection");
  }
  return 0;
}
