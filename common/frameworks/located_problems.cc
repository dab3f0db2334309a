#include "common/frameworks/located_problems.h"

#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace yjinspect::common::frameworks_internal {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using ParseInfoTree = google::protobuf::TextFormat::ParseInfoTree;

Node::Node(const Descriptor* type, const ParseInfoTree* tree, Location self)
    : type_(type), tree_(tree), self_(self) {}

const FieldDescriptor* Node::Field(absl::string_view name) const {
  if (type_ == nullptr) return nullptr;
  return type_->FindFieldByName(std::string(name));
}

Node Node::Child(absl::string_view name, int index) const {
  const FieldDescriptor* field = Field(name);
  if (field == nullptr) return Node(nullptr, nullptr, self_);
  const ParseInfoTree* tree =
      tree_ == nullptr ? nullptr : tree_->GetTreeForNested(field, index);
  return Node(field->message_type(), tree, At(name, index));
}

Location Node::At(absl::string_view name, int index) const {
  const FieldDescriptor* field = Field(name);
  if (field == nullptr || tree_ == nullptr) return self_;
  google::protobuf::TextFormat::ParseLocation location =
      tree_->GetLocation(field, field->is_repeated() ? index : -1);
  if (location.line < 0) return self_;
  return Location{location.line, location.column};
}

void Problems::Add(Location where, absl::string_view reason) {
  if (where.line < 0) {
    problems_.push_back(absl::StrCat(file_name_, ": ", reason));
  } else {
    problems_.push_back(absl::StrCat(file_name_, ":", where.line + 1, ":",
                                     where.column + 1, ": ", reason));
  }
}

absl::Status Problems::ToStatus() const {
  if (problems_.empty()) return absl::OkStatus();
  if (problems_.size() <= kMaxReported) {
    return absl::InvalidArgumentError(absl::StrJoin(problems_, "; "));
  }
  std::vector<std::string> shown(problems_.begin(),
                                 problems_.begin() + kMaxReported);
  return absl::InvalidArgumentError(
      absl::StrCat(absl::StrJoin(shown, "; "), "; and ",
                   problems_.size() - kMaxReported, " more problems"));
}

std::string Quote(absl::string_view value) {
  return absl::StrCat("\"", absl::CHexEscape(value), "\"");
}

}  // namespace yjinspect::common::frameworks_internal
