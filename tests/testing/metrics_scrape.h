#pragma once

// Reading a service's /metrics the way Prometheus does: an HTTP GET on the
// metrics port, and the value of one series from the text it returns.

#include <map>
#include <optional>
#include <string>

#include "absl/status/statusor.h"

namespace yjinspect::testing {

// The body of GET http://127.0.0.1:<port>/metrics.
absl::StatusOr<std::string> ScrapeMetrics(int port);

// The value of the series `name` whose labels include every one of
// `labels` (the first such series in `text`); nullopt when there is none.
std::optional<double> SeriesValue(
    const std::string& text, const std::string& name,
    const std::map<std::string, std::string>& labels = {});

}  // namespace yjinspect::testing
