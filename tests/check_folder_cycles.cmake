# No two source folders include each other, directly or through others:
# each folder of common/, services/ and cli/ is a layer, and a cycle between
# folders is a cycle between the libraries built from them. Fails naming a
# folder that reaches itself and the folders it goes through.
#   cmake -DROOT=<source dir> -P tests/check_folder_cycles.cmake
cmake_minimum_required(VERSION 3.16)

file(GLOB_RECURSE sources RELATIVE ${ROOT}
  ${ROOT}/common/*.h ${ROOT}/common/*.cc
  ${ROOT}/services/*.h ${ROOT}/services/*.cc
  ${ROOT}/cli/*.h ${ROOT}/cli/*.cc)

# Direct edges: folder -> folders its files include from.
set(folders)
foreach(source ${sources})
  get_filename_component(folder ${source} DIRECTORY)
  string(MAKE_C_IDENTIFIER "${folder}" key)
  list(APPEND folders ${folder})
  file(STRINGS ${ROOT}/${source} includes
    REGEX "^#include \"(common|services|cli)/")
  foreach(line ${includes})
    string(REGEX REPLACE "^#include \"([^\"]+)\".*$" "\\1" included "${line}")
    get_filename_component(target ${included} DIRECTORY)
    if(NOT target STREQUAL folder)
      list(APPEND edges_${key} ${target})
    endif()
  endforeach()
endforeach()
list(REMOVE_DUPLICATES folders)

# Reach of each folder, by expanding until nothing new is added.
set(problems)
foreach(folder ${folders})
  string(MAKE_C_IDENTIFIER "${folder}" key)
  set(reached ${edges_${key}})
  if(reached)
    list(REMOVE_DUPLICATES reached)
  endif()
  set(frontier ${reached})
  while(frontier)
    set(next)
    foreach(f ${frontier})
      string(MAKE_C_IDENTIFIER "${f}" fkey)
      foreach(g ${edges_${fkey}})
        if(NOT g IN_LIST reached)
          list(APPEND reached ${g})
          list(APPEND next ${g})
        endif()
      endforeach()
    endforeach()
    set(frontier ${next})
  endwhile()
  if(folder IN_LIST reached)
    set(through)
    foreach(f ${edges_${key}})
      list(APPEND through ${f})
    endforeach()
    list(REMOVE_DUPLICATES through)
    list(JOIN through ", " through)
    list(APPEND problems "${folder} includes itself back through: ${through}")
  endif()
endforeach()

list(LENGTH problems count)
if(count GREATER 0)
  list(JOIN problems "\n  " text)
  message(FATAL_ERROR "folder include cycles:\n  ${text}")
endif()
list(LENGTH folders folder_count)
message(STATUS "${folder_count} source folders, no include cycle")
