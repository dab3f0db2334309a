// Fuzz target: a context-figures CSV file of the YJB exchange
// (docs/yjb-exchange.md, "Context figures"), as `yjinspect set-context` and
// a run spec's context_figures_file read it. Beyond not crashing: figures
// read without a problem are rates from 0.0% to 100.0%.

#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"
#include "cli/exchange/context_figures.h"
#include "fuzz/fuzz_input.h"

namespace {

bool IsRate(int tenths) { return tenths >= 0 && tenths <= 1000; }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using yjinspect::fuzz::Require;
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  const auto figures = yjinspect::cli::exchange::ParseContextFigures(text);
  if (!figures.problems.empty()) return 0;
  const auto& r = figures.figures.reoffending();
  const auto& l = figures.figures.looked_after();
  Require(IsRate(r.yot_rate_tenths()) &&
              IsRate(r.previous_year_rate_tenths()) &&
              IsRate(r.national_rate_tenths()) &&
              IsRate(l.local_rate_tenths()) && IsRate(l.national_rate_tenths()),
          "context figures are rates from 0.0% to 100.0%");
  return 0;
}
