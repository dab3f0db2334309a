# The inspectors' workbench (services/workbench): its units, and the server
# in front of real services over mutual TLS. The browser tests are in
# tests/browser.cmake. Included from tests/CMakeLists.txt.

yj_test(workbench_unit_test unit
  unit/services/workbench/csrf_guard_test.cc
  unit/services/workbench/http_routes_test.cc
  unit/services/workbench/json_transcoding_test.cc
  unit/services/workbench/path_template_test.cc
  unit/services/workbench/signed_in_user_test.cc
  unit/services/workbench/page_files_test.cc)
target_link_libraries(workbench_unit_test PRIVATE workbench_lib)

add_executable(workbench_test
  integration/access/tls_services.cc
  integration/workbench/workbench_fixture.cc
  integration/workbench/workbench_server_test.cc)
target_compile_definitions(workbench_test PRIVATE
  YJ_MAKE_CERTS="${PROJECT_SOURCE_DIR}/scripts/lib/make_certs.sh"
  YJ_TEST_POLICY="${CMAKE_CURRENT_SOURCE_DIR}/integration/access/test_policy.textproto")
target_link_libraries(workbench_test PRIVATE workbench_lib yjinspect_testing
  GTest::gtest_main)
yjinspect_warnings(workbench_test)
yj_test_code(workbench_test)
gtest_discover_tests(workbench_test PROPERTIES LABELS integration
  FIXTURES_REQUIRED auth_certs
  ENVIRONMENT "YJ_AUTH_CERTS=${YJ_AUTH_CERTS_DIR}"
  DISCOVERY_TIMEOUT 60)
