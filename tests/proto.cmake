# The yjinspect.v1 API checked with buf (label `proto`): buf lint against
# proto/buf.yaml, buf breaking against proto/api-baseline.json, and proof
# that buf breaking does refuse a removed field. buf comes from npm
# (@bufbuild/buf, pinned by proto/buf/package-lock.json); protoc and the
# googleapis files are Debian's, as for the build.
# Included from tests/CMakeLists.txt.

set(YJ_BUF_CHECK ${PROJECT_SOURCE_DIR}/proto/buf/check.sh)
set(YJ_BUF_ARGS $<TARGET_FILE:protobuf::protoc> ${GOOGLEAPIS_DIR}
  ${GRPC_PROTO_DIR})

# npm ci into proto/buf/node_modules (git-ignored), once per lock file.
add_test(NAME proto.node_modules
  COMMAND ${PROJECT_SOURCE_DIR}/scripts/lib/install-node-modules.sh
    ${PROJECT_SOURCE_DIR}/proto/buf)
set_tests_properties(proto.node_modules PROPERTIES
  LABELS proto FIXTURES_SETUP proto_node_modules)

foreach(check lint breaking catches)
  add_test(NAME proto.buf_${check}
    COMMAND ${YJ_BUF_CHECK} ${check} ${YJ_BUF_ARGS})
  set_tests_properties(proto.buf_${check} PROPERTIES
    LABELS proto FIXTURES_REQUIRED proto_node_modules)
endforeach()

# docs/api.md is what proto/api_reference.py makes of the proto comments
# now; when a comment changed, `make api_docs` regenerates it.
add_test(NAME proto.api_reference_current
  COMMAND ${YJ_PYTHON} ${YJ_API_REFERENCE_ARGS}
    --check ${PROJECT_SOURCE_DIR}/docs/api.md)
set_tests_properties(proto.api_reference_current PROPERTIES LABELS proto)
