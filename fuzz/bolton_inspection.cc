#include "fuzz/bolton_inspection.h"

#include <fstream>
#include <sstream>
#include <utility>

#include "common/resource_names.h"
#include "fuzz/fuzz_input.h"
#include "google/protobuf/text_format.h"

namespace yjinspect::fuzz {
namespace {

config::v1::InspectionRunSpec ReadSpec() {
  std::ifstream in(YJ_SOURCE_DIR "/examples/bolton-sqs-2014.run.textproto");
  std::stringstream text;
  text << in.rdbuf();
  config::v1::InspectionRunSpec spec;
  Require(google::protobuf::TextFormat::ParseFromString(text.str(), &spec),
          "examples/bolton-sqs-2014.run.textproto parses");
  return spec;
}

std::vector<v1::Case> MakeCases() {
  std::vector<v1::Case> cases;
  for (const v1::CreateCaseRequest& request : BoltonSpec().cases()) {
    v1::Case c = request.case_();
    c.set_name(common::FormatCaseName(
        common::ParseYotName(request.parent()).value_or(""),
        request.case_id()));
    cases.push_back(std::move(c));
  }
  return cases;
}

v1::Inspection MakeInspection() {
  const config::v1::InspectionRunSpec& spec = BoltonSpec();
  v1::Inspection inspection = spec.inspection();
  inspection.set_name(common::InspectionName(spec.inspection_id()));
  inspection.set_state(v1::INSPECTION_STATE_FIELDWORK);
  v1::InspectionSample* sample = inspection.mutable_sample();
  sample->set_revision(1);
  sample->set_method(v1::SAMPLE_METHOD_NAMED);
  for (const v1::Case& c : BoltonCases()) sample->add_cases(c.name());
  sample->set_sample_size(sample->cases_size());
  return inspection;
}

}  // namespace

const config::v1::InspectionRunSpec& BoltonSpec() {
  static const auto* spec = new config::v1::InspectionRunSpec(ReadSpec());
  return *spec;
}

const std::vector<v1::Case>& BoltonCases() {
  static const auto* cases = new std::vector<v1::Case>(MakeCases());
  return *cases;
}

const v1::Inspection& BoltonInspection() {
  static const auto* inspection = new v1::Inspection(MakeInspection());
  return *inspection;
}

}  // namespace yjinspect::fuzz
