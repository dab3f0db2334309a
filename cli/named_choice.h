#pragma once

// A closed list of words a flag takes, each naming one enum value
// ("--status=in-progress"): the value a word names, or a refusal listing
// the words.

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"

namespace yjinspect::cli {

// The value `word` names in `words`; INVALID_ARGUMENT "--flag must be one
// of a, b, c; not 'word'" otherwise.
template <typename Enum>
absl::StatusOr<Enum> ValueNamed(const std::map<std::string, Enum>& words,
                                absl::string_view flag,
                                const std::string& word) {
  auto it = words.find(word);
  if (it != words.end()) return it->second;
  std::vector<std::string> names;
  for (const auto& [name, value] : words) names.push_back(name);
  return absl::InvalidArgumentError(absl::StrCat(flag, " must be one of ",
                                                 absl::StrJoin(names, ", "),
                                                 "; not '", word, "'"));
}

}  // namespace yjinspect::cli
