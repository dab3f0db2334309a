#pragma once

// The semantic rules a framework must satisfy before any inspection is judged
// by it. ParseFramework (framework_loader.h) applies them to every file it
// loads; call ValidateFramework directly for a framework built in code.
//
// The rules:
// - id: a lower-case letter, then lower-case letters, digits or '-', at most
//   63 characters; version: lower-case letters, digits or '-', at most 16;
//   a title.
// - Scales: unique ids; each has values with unique ids, a label and a
//   meaning, including a positive and a negative one.
// - Sections: unique ids, a title, an evidence source and a scoring method
//   that fit together (case evidence has a case scope, or pools when the
//   framework declares pools; panel evidence is panel-rated and has no
//   criteria); only rated sections count in overall.
// - Criteria: ids unique across the framework, wording, a scale that exists,
//   a not_applicable_when where the scale offers "not applicable", and both
//   statements for scored criteria (without a final full stop: a report
//   completes them as "In <count phrase>, <statement>.").
// - SCORING_METHOD_LOWEST_KEY_QUESTION sections ask exactly their own
//   key_questions (from the framework's), or else the framework's, each
//   once; no other section names a key question.
// - Fractions have a denominator > 0 and lie within [0, 1]; thresholds exist
//   where a section is scored as a share of positive answers.
// - Standard bands are ordered highest first, strictly, down to a band from
//   0; overall bands cover 0 to the greatest possible score (counted
//   sections times the highest points) contiguously, without overlap.
// - Sampling: a `sampling` block or pools, not both. Each pool: an id (1
//   to 40 lower-case letters, digits or '-', starting with a letter) defined
//   once, a title, its records, a source, and rules; no disposal type in two
//   pools of children's cases; one pool of victims' cases at most. Rules:
//   eligible disposals (none for victims' cases), positive windows that are
//   not empty, z > 0, 0 < proportion < 1, 0 < margin < 1, 1 <= min_sample
//   <= max_sample.
// - Section pools: only in a framework with pools, defined, named once; a
//   section judged from cases names at least one, all of one kind of
//   record, and has no scope; a staff-interview section names none.

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/text_format.h"
#include "yjinspect/v1/framework.pb.h"

namespace yjinspect::common {

// OK, or INVALID_ARGUMENT listing every broken rule as
// "<file_name>:<line>:<column>: <reason>", joined by "; ". Lines and columns
// are 1-based and come from `locations` (as recorded by
// TextFormat::Parser::WriteLocationsTo while parsing `framework`): the
// offending field where it is present, else the nearest enclosing item that
// is. Without locations, or for an item absent from the text, the problem is
// reported as "<file_name>: <reason>".
absl::Status ValidateFramework(
    const v1::Framework& framework, absl::string_view file_name,
    const google::protobuf::TextFormat::ParseInfoTree* locations = nullptr);

}  // namespace yjinspect::common
