# The crash test: tests/crash/crash_driver runs the real intake_server and
# findings_server binaries as child processes, SIGKILLs them at random
# moments under load and checks both stores after every cycle (see
# tests/crash/README.md). ctest runs a short version (label `crash`); the
# long one is the same binary with --cycles=N. Included from
# tests/CMakeLists.txt.

# A server binary run as a child process: the crash driver's and the fault
# tests' (faults.cmake).
add_library(yjinspect_service_process STATIC crash/service_process.cc)
target_link_libraries(yjinspect_service_process PUBLIC yjinspect_rpc gRPC::grpc++
  absl::status absl::statusor absl::time absl::strings)
yjinspect_warnings(yjinspect_service_process)

add_executable(crash_driver
  crash/acknowledged_ledger.cc
  crash/crash_checks.cc
  crash/crash_driver.cc
  crash/crash_workload.cc
  crash/service_pair.cc
  crash/store_snapshot.cc
  testing/case_builder.cc)
target_link_libraries(crash_driver PRIVATE yjinspect_service_process intake_lib intake_storage findings_storage
  yjinspect_synthetic yjinspect_frameworks yjinspect_rpc yjinspect_storage gRPC::grpc++
  absl::flags absl::flags_parse absl::flags_usage absl::synchronization)
yjinspect_warnings(crash_driver)
# The servers are run, not linked: build them whenever the driver is built.
add_dependencies(crash_driver intake_server findings_server)

add_test(NAME crash_short
  COMMAND crash_driver --intake_server=$<TARGET_FILE:intake_server>
          --findings_server=$<TARGET_FILE:findings_server>
          --cycles=4 --seed=20141215
          --report_inputs=${PROJECT_SOURCE_DIR}/examples/bolton-sqs-2014.run.textproto)
set_tests_properties(crash_short PROPERTIES LABELS crash TIMEOUT 300)
