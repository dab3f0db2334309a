#pragma once

// Problems found in a framework file, each located at a line and column of
// the text it was parsed from. Internal to common/frameworks.
//
// Locations come from the ParseInfoTree that TextFormat::Parser records while
// parsing: the exact position of every field present in the text. This is
// more precise than searching the text for an item's id, which would find
// the first of two duplicate ids rather than the second, and cannot place a
// field that has no id of its own.

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/text_format.h"

namespace yjinspect::common::frameworks_internal {

// 0-based, as the parser records them; line -1 when unknown.
struct Location {
  int line = -1;
  int column = -1;
};

// One message of the parsed framework: its type, its location tree (null
// when unknown) and where the message itself starts.
class Node {
 public:
  Node(const google::protobuf::Descriptor* type,
       const google::protobuf::TextFormat::ParseInfoTree* tree, Location self);

  // The message in field `name` (`index` -1 when the field is not repeated).
  // Unknown parts fall back to this message's own location.
  Node Child(absl::string_view name, int index) const;
  // Where field `name` (its `index`-th value if repeated) is written, else
  // where this message starts.
  Location At(absl::string_view name, int index = -1) const;
  Location self() const { return self_; }

 private:
  const google::protobuf::FieldDescriptor* Field(absl::string_view name) const;

  const google::protobuf::Descriptor* type_;
  const google::protobuf::TextFormat::ParseInfoTree* tree_;
  Location self_;
};

class Problems {
 public:
  explicit Problems(absl::string_view file_name) : file_name_(file_name) {}

  void Add(Location where, absl::string_view reason);
  bool empty() const { return problems_.empty(); }
  // OK, or INVALID_ARGUMENT with every problem as
  // "<file>:<line>:<column>: <reason>" (1-based; "<file>: <reason>" when
  // unlocated), joined by "; ", at most kMaxReported of them.
  absl::Status ToStatus() const;

  static constexpr size_t kMaxReported = 20;

 private:
  std::string file_name_;
  std::vector<std::string> problems_;
};

// `value` in double quotes, with unprintable characters escaped.
std::string Quote(absl::string_view value);

}  // namespace yjinspect::common::frameworks_internal
