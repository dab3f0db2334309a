#pragma once

// What two markings of one sampled record say together (moderation): which
// criteria the markers disagree on, whether a resolution still holds, what
// holds the record's answers back from the verdicts, and the answers the
// verdicts use. Pure: the desks read the records and pass them in.

#include <optional>
#include <string>
#include <vector>

#include "yjinspect/storage/v1/storage.pb.h"
#include "yjinspect/v1/findings_service.pb.h"
#include "yjinspect/v1/moderation.pb.h"

namespace yjinspect::findings {

// One record of the current sample given a second marker, with what is
// stored of both markings.
struct DoubleMarkedRecord {
  // `yots/{yot}/cases/{c}` or `yots/{yot}/victimCases/{v}`.
  std::string record_name;
  // `inspections/{i}/caseFindings/{c}` (or victimCaseFindings).
  std::string findings_name;
  // As assigned at intake.
  std::string second_marker_reference;
  std::optional<v1::CaseFindings> first;
  std::optional<v1::SecondMarking> second;
  storage::v1::StoredResolutions resolutions;
  // Whether a revision of the first marking was recorded after the second
  // marking started (JudgementRevision.after_second_marking_started).
  bool first_changed_after_second_started = false;

  bool submitted() const { return second.has_value() && second->submitted(); }
};

// The resolution of `criterion_id` that still holds: recorded for the two
// answers the markers give now. Null when none does.
const storage::v1::StoredResolution* CurrentResolution(
    const DoubleMarkedRecord& record, const std::string& criterion_id,
    const std::string& first_answer, const std::string& second_answer);

// The criteria a submitted marking answers differently from the first
// marker, in the first marking's (framework) order; none before
// submission. Each carries its current resolution, if any.
std::vector<v1::Disagreement> DisagreementsOf(const DoubleMarkedRecord& record);

// Why the record's answers are not settled: its second marking is not
// submitted, or disagreements are open. nullopt when settled.
std::optional<v1::ModerationHold> HoldOf(const DoubleMarkedRecord& record);

// The first marker's findings with every currently resolved disagreement's
// agreed answer in place of theirs (the answers verdicts and reports use).
v1::CaseFindings SettledFindings(const DoubleMarkedRecord& record);

// Whether `identity` is the record's second marker and has not submitted:
// then nothing of the first marker's answers may reach them.
bool BlindedFrom(const DoubleMarkedRecord& record, const std::string& identity);

}  // namespace yjinspect::findings
