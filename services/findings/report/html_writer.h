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
// tables with a <caption>, a <thead>, row headers where asked and a
// <tbody> per group, key-question charts as a <figure> of an SVG bar chart
// and its text equivalent; a block's css_class becomes its class attribute.
// One element a line. For readers of the page:
//  - headings are raised so that the highest is an h1 (a letter's
//    Markdown starts at "##", as the published letters do);
//  - a footnote mark links to its footnote (the paragraph of class
//    "footnote" that starts with the same mark) and the footnote back to
//    its first mark; a mark without a footnote stays plain;
//  - a rating is also set in its colour, class "rating rating-<words>".
std::string WriteHtmlBody(const std::vector<Block>& blocks);

}  // namespace yjinspect::findings
