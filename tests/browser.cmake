# The rendered reports and the inspectors' workbench in a real browser
# (label `browser`): Debian's chromium, headless, driven by puppeteer-core
# from npm, checks the DOM of the SQS letter and the rated report, prints
# each to PDF and runs axe-core in the page; and drives the workbench
# (tests/browser/workbench.test.mjs). Included from tests/CMakeLists.txt.

# Renders the examples' reports through both services in one process.
add_executable(render_example_reports browser/render_example_reports.cc)
target_link_libraries(render_example_reports PRIVATE yjinspect_testing
  yjinspect_cli_lib GTest::gtest)
target_compile_definitions(render_example_reports PRIVATE
  YJ_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
yjinspect_warnings(render_example_reports)
yj_test_code(render_example_reports)

# Sanitizer builds: the browser's own libraries do not load the runtimes.
if(CMAKE_CXX_FLAGS MATCHES "-fsanitize")
  message(STATUS "browser checks: not registered in a sanitizer build")
else()
  find_program(YJ_NODE node)
  if(NOT YJ_NODE)
    set(YJ_NODE node)
  endif()
  # Not found: the test still runs and fails, saying chromium is missing.
  find_program(YJ_CHROMIUM chromium)
  if(NOT YJ_CHROMIUM)
    set(YJ_CHROMIUM /usr/bin/chromium)
  endif()
  set(YJ_BROWSER_DIR ${CMAKE_CURRENT_SOURCE_DIR}/browser)
  set(YJ_BROWSER_PAGES ${CMAKE_CURRENT_BINARY_DIR}/browser-pages)

  add_test(NAME browser.node_modules
    COMMAND ${PROJECT_SOURCE_DIR}/scripts/lib/install-node-modules.sh
      ${YJ_BROWSER_DIR})
  set_tests_properties(browser.node_modules PROPERTIES
    LABELS browser FIXTURES_SETUP browser_node_modules)

  add_test(NAME browser.example_reports
    COMMAND render_example_reports ${YJ_BROWSER_PAGES})
  set_tests_properties(browser.example_reports PROPERTIES
    LABELS browser FIXTURES_SETUP browser_pages)

  # The workbench against the real binaries over mutual TLS; its
  # screenshots of the main pages go to the build folder (docs/workbench/
  # holds copies, named in docs/workbench.md).
  add_test(NAME browser.workbench
    COMMAND ${YJ_NODE} --test ${YJ_BROWSER_DIR}/workbench.test.mjs)
  set_tests_properties(browser.workbench PROPERTIES
    LABELS browser
    FIXTURES_REQUIRED browser_node_modules
    ENVIRONMENT "CHROMIUM=${YJ_CHROMIUM};INTAKE_SERVER=$<TARGET_FILE:intake_server>;FINDINGS_SERVER=$<TARGET_FILE:findings_server>;WORKBENCH_SERVER=$<TARGET_FILE:workbench_server>;YJINSPECT=$<TARGET_FILE:yjinspect>;MAKE_CERTS=${PROJECT_SOURCE_DIR}/scripts/lib/make_certs.sh;WORKBENCH_SCREENSHOTS=${CMAKE_CURRENT_BINARY_DIR}/workbench-screenshots"
    TIMEOUT 300)

  add_test(NAME browser.report_pages
    COMMAND ${YJ_NODE} --test ${YJ_BROWSER_DIR}/report_pages.test.mjs)
  set_tests_properties(browser.report_pages PROPERTIES
    LABELS browser
    FIXTURES_REQUIRED "browser_node_modules;browser_pages"
    ENVIRONMENT "REPORT_PAGES=${YJ_BROWSER_PAGES};CHROMIUM=${YJ_CHROMIUM}"
    TIMEOUT 300)
endif()
