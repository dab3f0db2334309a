#pragma once

// Test helper for table-driven validation tests: changes one field of a
// request named by its AIP-193 path ("case.child.gender",
// "case.offences[0].code", "case.review_dates[1]"), by reflection, so that a
// table row names the field it breaks once and the expectation can name the
// same path.

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "google/type/date.pb.h"
#include "gtest/gtest.h"

namespace yjinspect::testing {

using MessageMutation = std::function<void(google::protobuf::Message&)>;

// The field at `path` and the message holding it; `index` is the element
// of a repeated field ("offences[2]") or -1. `field` is null when the path
// does not exist.
struct FieldAtPath {
  google::protobuf::Message* message = nullptr;
  const google::protobuf::FieldDescriptor* field = nullptr;
  int index = -1;
};

inline FieldAtPath LocateField(google::protobuf::Message& root,
                               absl::string_view path) {
  google::protobuf::Message* message = &root;
  std::vector<absl::string_view> parts = absl::StrSplit(path, '.');
  for (size_t i = 0; i < parts.size(); ++i) {
    absl::string_view name = parts[i];
    int index = -1;
    if (size_t open = name.find('['); open != absl::string_view::npos) {
      if (name.back() != ']' ||
          !absl::SimpleAtoi(name.substr(open + 1, name.size() - open - 2),
                            &index)) {
        return {};
      }
      name = name.substr(0, open);
    }
    const google::protobuf::FieldDescriptor* field =
        message->GetDescriptor()->FindFieldByName(std::string(name));
    if (field == nullptr || (index >= 0 && !field->is_repeated())) return {};
    const google::protobuf::Reflection* reflection = message->GetReflection();
    if (index >= 0 && index >= reflection->FieldSize(*message, field))
      return {};
    if (i + 1 == parts.size()) return {message, field, index};
    if (field->cpp_type() !=
            google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE ||
        (field->is_repeated() && index < 0)) {
      return {};
    }
    message = index >= 0
                  ? reflection->MutableRepeatedMessage(message, field, index)
                  : reflection->MutableMessage(message, field);
  }
  return {};
}

// Clears the field at `path` (a whole repeated field: no index).
inline MessageMutation Clear(std::string path) {
  return [path](google::protobuf::Message& root) {
    FieldAtPath at = LocateField(root, path);
    ASSERT_NE(at.field, nullptr) << "no field " << path;
    at.message->GetReflection()->ClearField(at.message, at.field);
  };
}

// Sets an int32, bool or enum field (any number, known to the enum or not).
inline MessageMutation Set(std::string path, int value) {
  return [path, value](google::protobuf::Message& root) {
    FieldAtPath at = LocateField(root, path);
    ASSERT_NE(at.field, nullptr) << "no field " << path;
    ASSERT_EQ(at.index, -1) << path;
    const google::protobuf::Reflection* r = at.message->GetReflection();
    switch (at.field->cpp_type()) {
      case google::protobuf::FieldDescriptor::CPPTYPE_ENUM:
        r->SetEnumValue(at.message, at.field, value);
        break;
      case google::protobuf::FieldDescriptor::CPPTYPE_INT32:
        r->SetInt32(at.message, at.field, value);
        break;
      case google::protobuf::FieldDescriptor::CPPTYPE_BOOL:
        r->SetBool(at.message, at.field, value != 0);
        break;
      default:
        FAIL() << path << " is not an int32, bool or enum field";
    }
  };
}

// Sets a string field.
inline MessageMutation Set(std::string path, std::string value) {
  return [path, value](google::protobuf::Message& root) {
    FieldAtPath at = LocateField(root, path);
    ASSERT_NE(at.field, nullptr) << "no field " << path;
    ASSERT_EQ(at.field->cpp_type(),
              google::protobuf::FieldDescriptor::CPPTYPE_STRING)
        << path;
    at.message->GetReflection()->SetString(at.message, at.field, value);
  };
}

// Sets a google.type.Date field, or one element of a repeated one.
inline MessageMutation Set(std::string path, google::type::Date value) {
  return [path, value](google::protobuf::Message& root) {
    FieldAtPath at = LocateField(root, path);
    ASSERT_NE(at.field, nullptr) << "no field " << path;
    ASSERT_EQ(at.field->message_type(), google::type::Date::descriptor())
        << path;
    const google::protobuf::Reflection* r = at.message->GetReflection();
    google::protobuf::Message* date =
        at.index >= 0
            ? r->MutableRepeatedMessage(at.message, at.field, at.index)
            : r->MutableMessage(at.message, at.field);
    date->CopyFrom(value);
  };
}

}  // namespace yjinspect::testing
