# Backups: the desk on its own, and online backups through the Admin
# service of both servers restored offline and served again. Included from
# tests/CMakeLists.txt.

yj_test(backup_desk_test unit
  unit/common/admin/backup_desk_test.cc)
yj_test(backup_test integration
  integration/backup_test.cc
  integration/backup_bad_input_test.cc)
