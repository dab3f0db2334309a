#pragma once

// Looking up the workbench's built-in pages (workbench_pages.h) by the
// file name a browser asks for, with the media type to serve it as.

#include "absl/strings/string_view.h"

namespace yjinspect::workbench {

// The page file `name` ("index.html", "app.js") and its media type, or
// false when there is none (a name with a folder or ".." never is).
bool FindPage(absl::string_view name, absl::string_view* text,
              absl::string_view* media_type);

}  // namespace yjinspect::workbench
