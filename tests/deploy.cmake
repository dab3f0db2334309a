# Configuration and deployment: flags from the environment (unit), and the
# offline checks of deploy/ (label `deploy`): the Dockerfiles against the
# built binaries, the Kubernetes manifests against the binaries' flags.
# Included from tests/CMakeLists.txt.

yj_test(flag_environment_test unit
  unit/common/host/flag_environment_test.cc
  unit/common/host/allocator_tuning_test.cc)
target_link_libraries(flag_environment_test PRIVATE yjinspect_service_flags)

# The deploy checks run node scripts against the built binaries. Sanitizer
# builds link runtimes the images do not ship, so only plain builds run them.
if(CMAKE_CXX_FLAGS MATCHES "-fsanitize")
  message(STATUS "deploy checks: not registered in a sanitizer build")
else()
  # Not found: the tests still exist and fail, saying node is missing.
  find_program(YJ_NODE node)
  if(NOT YJ_NODE)
    set(YJ_NODE node)
  endif()
  set(YJ_K8S_DIR ${PROJECT_SOURCE_DIR}/deploy/k8s)

  # npm ci into deploy/k8s/node_modules (git-ignored), once per lock file.
  add_test(NAME deploy.node_modules
    COMMAND ${PROJECT_SOURCE_DIR}/scripts/lib/install-node-modules.sh
      ${YJ_K8S_DIR})
  set_tests_properties(deploy.node_modules PROPERTIES
    LABELS deploy FIXTURES_SETUP deploy_node_modules)

  add_test(NAME deploy.k8s_manifests
    COMMAND ${YJ_NODE} ${YJ_K8S_DIR}/validate.mjs
      --binary intake=$<TARGET_FILE:intake_server>
      --binary findings=$<TARGET_FILE:findings_server>
      --binary workbench=$<TARGET_FILE:workbench_server>)
  set_tests_properties(deploy.k8s_manifests PROPERTIES
    LABELS deploy FIXTURES_REQUIRED deploy_node_modules)

  add_test(NAME deploy.dockerfiles
    COMMAND ${YJ_NODE} ${CMAKE_CURRENT_SOURCE_DIR}/deploy/check_dockerfiles.mjs
      ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR})
  set_tests_properties(deploy.dockerfiles PROPERTIES LABELS deploy)

  add_test(NAME deploy.flags_documented
    COMMAND ${YJ_NODE} ${CMAKE_CURRENT_SOURCE_DIR}/deploy/check_flags_documented.mjs
      ${PROJECT_SOURCE_DIR}/README.md
      $<TARGET_FILE:intake_server> $<TARGET_FILE:findings_server>
      $<TARGET_FILE:workbench_server>
      --cli $<TARGET_FILE:yjinspect>)
  set_tests_properties(deploy.flags_documented PROPERTIES LABELS deploy)

  add_test(NAME deploy.service_process
    COMMAND ${YJ_NODE} --test
      ${CMAKE_CURRENT_SOURCE_DIR}/deploy/service_process.test.mjs)
  set_tests_properties(deploy.service_process PROPERTIES
    LABELS deploy
    ENVIRONMENT "INTAKE_SERVER=$<TARGET_FILE:intake_server>;FINDINGS_SERVER=$<TARGET_FILE:findings_server>;WORKBENCH_SERVER=$<TARGET_FILE:workbench_server>")
endif()
