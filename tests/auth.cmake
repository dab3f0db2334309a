# Mutual TLS, the access policy and authorization (docs/security.md).
# Included from tests/CMakeLists.txt.

yj_test(access_unit_test unit
  unit/common/access/access_policy_test.cc
  unit/common/access/access_rules_test.cc
  unit/common/rpc/call_edge_test.cc
  unit/common/access/transport_security_test.cc)

# Test certificates are made once per ctest run by the auth_certs fixture
# (openssl via scripts/lib/make_certs.sh); a test binary run alone makes
# its own into a temp folder.
set(YJ_AUTH_CERTS_DIR ${CMAKE_CURRENT_BINARY_DIR}/auth-certs)
add_test(NAME auth_certs
  COMMAND sh -c "rm -rf '${YJ_AUTH_CERTS_DIR}' && '${PROJECT_SOURCE_DIR}/scripts/lib/make_certs.sh' '${YJ_AUTH_CERTS_DIR}' --test-extras bolton-yot wigan-yot insp-1 lead-1 lead-2 reader-1 auditor-1 operator-1 workbench stranger")
set_tests_properties(auth_certs PROPERTIES FIXTURES_SETUP auth_certs
  LABELS integration)

add_executable(access_test
  integration/access/tls_services.cc
  integration/access/access_test.cc
  integration/access/audit_admin_access_test.cc
  integration/access/role_matrix_test.cc)
target_compile_definitions(access_test PRIVATE
  YJ_MAKE_CERTS="${PROJECT_SOURCE_DIR}/scripts/lib/make_certs.sh"
  YJ_TEST_POLICY="${CMAKE_CURRENT_SOURCE_DIR}/integration/access/test_policy.textproto"
  YJ_ROLE_MATRIX="${CMAKE_CURRENT_SOURCE_DIR}/integration/access/role_matrix.txt")
target_link_libraries(access_test PRIVATE yjinspect_testing GTest::gtest_main)
yjinspect_warnings(access_test)
yj_test_code(access_test)
gtest_discover_tests(access_test PROPERTIES LABELS integration
  FIXTURES_REQUIRED auth_certs
  ENVIRONMENT "YJ_AUTH_CERTS=${YJ_AUTH_CERTS_DIR}"
  DISCOVERY_TIMEOUT 60)
