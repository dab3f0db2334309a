# Inspection frameworks: loader, validation rules, registry and the built-in
# framework files (common/frameworks, frameworks/*.textproto).
yj_test(frameworks_test unit
  unit/common/frameworks/builtin_frameworks_test.cc
  unit/common/frameworks/framework_catalogue_test.cc
  unit/common/frameworks/framework_loader_test.cc
  unit/common/frameworks/framework_registry_test.cc
  unit/common/frameworks/sample_pools_test.cc)
target_link_libraries(frameworks_test PRIVATE yjinspect_frameworks)
