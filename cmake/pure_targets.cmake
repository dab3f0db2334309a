# Pure computation must not drag in I/O libraries: the frameworks, the
# verdict engine and the report renderer take no gRPC, RocksDB, Prometheus,
# spdlog or JSON library, directly or through what they link. Checked at
# configure time, so a link added by mistake fails the build at once.

# Every target and library name `target` links, transitively, into `out`.
function(yj_link_closure target out)
  set(seen)
  set(queue ${target})
  while(queue)
    list(POP_FRONT queue current)
    if(current IN_LIST seen OR NOT TARGET ${current})
      continue()
    endif()
    list(APPEND seen ${current})
    get_target_property(type ${current} TYPE)
    set(links)
    if(NOT type STREQUAL "INTERFACE_LIBRARY")
      get_target_property(direct ${current} LINK_LIBRARIES)
      if(direct)
        list(APPEND links ${direct})
      endif()
    endif()
    get_target_property(interface ${current} INTERFACE_LINK_LIBRARIES)
    if(interface)
      list(APPEND links ${interface})
    endif()
    foreach(link ${links})
      if(TARGET ${link})
        list(APPEND queue ${link})
      endif()
    endforeach()
  endwhile()
  set(${out} ${seen} PARENT_SCOPE)
endfunction()

function(yj_require_pure)
  foreach(target ${ARGN})
    yj_link_closure(${target} closure)
    foreach(forbidden gRPC::grpc++ gRPC::grpc RocksDB::rocksdb
                      RocksDB::rocksdb-shared prometheus-cpp::pull
                      prometheus-cpp::core spdlog::spdlog
                      nlohmann_json::nlohmann_json yjinspect_rpc
                      yjinspect_logging yjinspect_metrics
                      yjinspect_proto)
      if(forbidden IN_LIST closure)
        message(FATAL_ERROR
          "${target} is pure computation but links ${forbidden}; link "
          "yjinspect_base and yjinspect_proto_messages instead")
      endif()
    endforeach()
  endforeach()
endfunction()

# Storage never depends on an RPC service: the stores and what they share
# link RocksDB and the protobuf messages, not gRPC or the services' shared
# runtime.
function(yj_require_no_rpc)
  foreach(target ${ARGN})
    yj_link_closure(${target} closure)
    foreach(forbidden gRPC::grpc++ gRPC::grpc yjinspect_rpc yjinspect_proto
                      yjinspect_admin yjinspect_service_host)
      if(forbidden IN_LIST closure)
        message(FATAL_ERROR
          "${target} is storage but links ${forbidden}: storage must not "
          "depend on an RPC service")
      endif()
    endforeach()
  endforeach()
endfunction()
