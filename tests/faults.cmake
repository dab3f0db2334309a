# Faults as tests: the real intake_server and findings_server binaries (and
# the yjinspect command line) under a tampered audit trail, a damaged store,
# a full disk, a long partition and overload (tests/faults). ctest runs the
# short variants (label `faults`); the long ones are the same tests with
# the environment variables docs/faults.md names. Included from
# tests/CMakeLists.txt.

yj_test(faults_test faults
  faults/audit_tamper_test.cc
  faults/damaged_store_test.cc
  faults/fault_services.cc
  faults/full_disk_test.cc
  faults/offline_store.cc
  faults/overload_test.cc
  faults/partition_test.cc
  faults/tcp_proxy.cc
  crash/store_snapshot.cc)
target_link_libraries(faults_test PRIVATE yjinspect_service_process
  yjinspect_observability_testing intake_storage findings_storage)
target_compile_definitions(faults_test PRIVATE
  YJ_INTAKE_SERVER="$<TARGET_FILE:intake_server>"
  YJ_FINDINGS_SERVER="$<TARGET_FILE:findings_server>"
  YJ_CLI="$<TARGET_FILE:yjinspect>")
# The binaries are run, not linked.
add_dependencies(faults_test intake_server findings_server yjinspect)
