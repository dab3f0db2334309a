#pragma once

// RESULTS.md from the JSON lines the benchmarks printed: the machine, each
// goal as a ratio to its baseline from the same run, the figures in full,
// and other helpers' result files pasted in.

#include <ostream>
#include <string>
#include <vector>

namespace yjinspect::bench {

// False (with a message on stderr) when `results` cannot be read.
bool WriteReport(const std::string& results, const std::string& machine,
                 const std::vector<std::string>& attach, std::ostream& out);

}  // namespace yjinspect::bench
