#pragma once

// Writes report blocks as HTML elements (the body of a report page). Every
// run's text and every attribute value is escaped.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "services/findings/report/report_document.h"

namespace yjinspect::findings {

// `text` with & < > " ' replaced by character references, safe in element
// content and in quoted attribute values.
std::string EscapeHtml(absl::string_view text);

// <h1>..<h6>, <p>, <ul>, fields as a two-column <table class="fields">,
// tables with a <thead>; a block's css_class becomes its class attribute.
// One element a line.
std::string WriteHtmlBody(const std::vector<Block>& blocks);

}  // namespace yjinspect::findings
