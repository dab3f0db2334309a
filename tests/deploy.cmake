# Configuration and deployment: flags from the environment (unit), and the
# offline checks of deploy/ (label `deploy`): the Dockerfiles against the
# built binaries, the Kubernetes manifests against the binaries' flags.
# Included from tests/CMakeLists.txt.

yj_test(flag_environment_test unit
  unit/common/flag_environment_test.cc)
target_link_libraries(flag_environment_test PRIVATE yjinspect_service_flags)
