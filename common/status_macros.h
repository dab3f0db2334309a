#pragma once

// RETURN_IF_ERROR and ASSIGN_OR_RETURN, which abseil 20220623 does not ship.

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define YJ_STATUS_CONCAT_INNER(a, b) a##b
#define YJ_STATUS_CONCAT(a, b) YJ_STATUS_CONCAT_INNER(a, b)

// Returns the status from the enclosing function when `expr` is not OK.
#define RETURN_IF_ERROR(expr)                \
  do {                                       \
    ::absl::Status yj_status_ = (expr);      \
    if (!yj_status_.ok()) return yj_status_; \
  } while (false)

// `ASSIGN_OR_RETURN(auto x, F());` binds the value of an OK StatusOr, or
// returns its status from the enclosing function.
#define ASSIGN_OR_RETURN(lhs, expr) \
  YJ_ASSIGN_OR_RETURN_IMPL(YJ_STATUS_CONCAT(yj_statusor_, __LINE__), lhs, expr)

// `statusor` is a name and `lhs` a declaration (`auto x`): neither can take
// the parentheses clang-tidy asks of macro arguments.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define YJ_ASSIGN_OR_RETURN_IMPL(statusor, lhs, expr) \
  auto statusor = (expr);                             \
  if (!statusor.ok()) return statusor.status();       \
  lhs = *std::move(statusor)
// NOLINTEND(bugprone-macro-parentheses)
