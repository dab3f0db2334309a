# Privacy: pseudonymisation at intake, the audit trails, erasure down to the
# disk. Included from tests/CMakeLists.txt.

yj_test(privacy_unit_test unit
  unit/common/audit/audit_chain_test.cc
  unit/common/audit/audit_source_test.cc
  unit/intake/privacy/reference_pseudonyms_test.cc)
yj_test(privacy_test integration
  integration/privacy/pseudonymisation_test.cc
  integration/privacy/audit_trail_test.cc
  integration/privacy/erasure_test.cc)
