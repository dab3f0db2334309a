#pragma once

// Opaque page tokens (AIP-158): a web-safe base64 PageCursor that names the
// list it belongs to, so a token cannot be replayed on another list.

#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "common/field_violations.h"

namespace yjinspect::common {

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 1000;

std::string EncodePageToken(absl::string_view list_key,
                            absl::string_view last_key);

// The last key of the previous page ("" for an empty token: the first page).
// INVALID_ARGUMENT naming the field `page_token` when the token is malformed
// or belongs to another list.
absl::StatusOr<std::string> DecodePageToken(absl::string_view token,
                                            absl::string_view list_key);

// The effective page size: 0 -> default, above the maximum -> maximum. A
// negative size adds a violation of `page_size` to `violations`.
int CheckPageSize(FieldViolations& violations, int requested);

// One page of a list: its entries, and the token of the next page (empty on
// the last).
template <typename Entry>
struct Page {
  std::vector<Entry> entries;
  std::string next_page_token;
};

// Reads the page of `list_key` that `page_token` asks for, through
// `scan(after, limit)`: up to `limit` entries, each with a `key`, after the
// key `after` ("" for the first page), as absl::StatusOr<std::vector<Entry>>.
// One entry more than the page is asked for, to know whether another page
// follows. INVALID_ARGUMENT (page_token) for a token of another list; the
// scan's own errors as they are.
template <typename Scan>
auto ReadPage(absl::string_view list_key, absl::string_view page_token,
              size_t page_size, Scan&& scan) {
  using Entries = typename std::invoke_result_t<Scan, const std::string&,
                                                size_t>::value_type;
  using Result = absl::StatusOr<Page<typename Entries::value_type>>;
  absl::StatusOr<std::string> after = DecodePageToken(page_token, list_key);
  if (!after.ok()) return Result(after.status());
  absl::StatusOr<Entries> found =
      std::forward<Scan>(scan)(*after, page_size + 1);
  if (!found.ok()) return Result(found.status());
  Page<typename Entries::value_type> page;
  page.entries = *std::move(found);
  if (page.entries.size() > page_size) {
    page.entries.resize(page_size);
    page.next_page_token = EncodePageToken(list_key, page.entries.back().key);
  }
  return Result(std::move(page));
}

// The page a List request asks for. Adds a bad `page_size` to `violations`
// (after whatever the caller found in the request's other fields), refuses
// the request with all of them (INVALID_ARGUMENT naming `what`), then reads
// the page of `list_key` after `request.page_token()` as ReadPage does.
template <typename Request, typename Scan>
auto ReadRequestedPage(FieldViolations& violations, absl::string_view what,
                       const Request& request, absl::string_view list_key,
                       Scan&& scan) {
  const auto page_size =
      static_cast<size_t>(CheckPageSize(violations, request.page_size()));
  using Result = decltype(ReadPage(list_key, request.page_token(), page_size,
                                   std::forward<Scan>(scan)));
  if (absl::Status refused = violations.ToStatus(what); !refused.ok()) {
    return Result(std::move(refused));
  }
  return ReadPage(list_key, request.page_token(), page_size,
                  std::forward<Scan>(scan));
}

// Moves a page's values, each through `project`, into `values` (a response's
// repeated field) and returns the page's next-page token for the response.
template <typename Entry, typename Repeated, typename Project>
std::string MovePageInto(Page<Entry>& page, Repeated* values,
                         Project&& project) {
  for (Entry& entry : page.entries) {
    *values->Add() = project(std::move(entry.value));
  }
  return std::move(page.next_page_token);
}

template <typename Entry, typename Repeated>
std::string MovePageInto(Page<Entry>& page, Repeated* values) {
  return MovePageInto(page, values, [](auto&& value) -> decltype(auto) {
    return std::forward<decltype(value)>(value);
  });
}

}  // namespace yjinspect::common
