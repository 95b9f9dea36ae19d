# Helpers that keep each service's CMakeLists short.

# Compiler warnings for project code (not generated code).
function(vnn_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual
                                           -Wimplicit-fallthrough
                                           -Wno-missing-field-initializers)
  if(VNN_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# vnn_proto_library(<target> PROTOS <files relative to ROOT> [GRPC] [DEPS <targets>] [ROOT <dir>])
# Generates C++ (and gRPC stubs with GRPC) into this target's own build folder, so each
# service compiles only the generated code it uses. ROOT defaults to the project's proto/.
function(vnn_proto_library target)
  cmake_parse_arguments(ARG "GRPC" "ROOT" "PROTOS;DEPS" ${ARGN})
  set(proto_root ${PROJECT_SOURCE_DIR}/proto)
  if(ARG_ROOT)
    set(proto_root ${ARG_ROOT})
  endif()
  set(out_dir ${CMAKE_CURRENT_BINARY_DIR}/gen)
  file(MAKE_DIRECTORY ${out_dir})
  set(sources)
  foreach(rel ${ARG_PROTOS})
    get_filename_component(dir ${rel} DIRECTORY)
    get_filename_component(stem ${rel} NAME_WE)
    set(outs ${out_dir}/${dir}/${stem}.pb.cc ${out_dir}/${dir}/${stem}.pb.h)
    set(plugin_args)
    if(ARG_GRPC)
      list(APPEND outs ${out_dir}/${dir}/${stem}.grpc.pb.cc ${out_dir}/${dir}/${stem}.grpc.pb.h)
      set(plugin_args --grpc_out=${out_dir} --plugin=protoc-gen-grpc=$<TARGET_FILE:gRPC::grpc_cpp_plugin>)
    endif()
    add_custom_command(
      OUTPUT ${outs}
      COMMAND protobuf::protoc --proto_path=${proto_root} --cpp_out=${out_dir} ${plugin_args}
              ${proto_root}/${rel}
      DEPENDS ${proto_root}/${rel} protobuf::protoc
      COMMENT "protoc ${rel}"
      VERBATIM)
    list(APPEND sources ${outs})
  endforeach()
  add_library(${target} STATIC ${sources})
  target_include_directories(${target} PUBLIC ${out_dir})
  target_link_libraries(${target} PUBLIC protobuf::libprotobuf ${ARG_DEPS})
  if(ARG_GRPC)
    target_link_libraries(${target} PUBLIC gRPC::grpc++)
  endif()
endfunction()

# vnn_embed_files(<target> NAMESPACE <c++ namespace> FUNCTION <name> FILES <files>)
# Compiles files (SQL migrations, datasets) into the binary, so a container image needs no
# data folder and a migration cannot go missing at run time. The generated function returns
# std::vector<vnn::platform::EmbeddedFile>, sorted by file name.
function(vnn_embed_files target)
  cmake_parse_arguments(ARG "" "NAMESPACE;FUNCTION" "FILES" ${ARGN})
  set(out ${CMAKE_CURRENT_BINARY_DIR}/embedded_${ARG_FUNCTION}.cc)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNAMESPACE=${ARG_NAMESPACE} -DFUNCTION=${ARG_FUNCTION}
            "-DFILES=${ARG_FILES}" -P ${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake
    DEPENDS ${ARG_FILES} ${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake
    COMMENT "embedding ${ARG_FUNCTION}"
    VERBATIM)
  target_sources(${target} PRIVATE ${out})
endfunction()

# vnn_test(<target> LABEL <unit|integration|e2e> SOURCES <files> LIBS <targets>)
function(vnn_test target)
  cmake_parse_arguments(ARG "" "LABEL" "SOURCES;LIBS" ${ARGN})
  add_executable(${target} ${ARG_SOURCES})
  vnn_warnings(${target})
  target_link_libraries(${target} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gtest_main GTest::gmock)
  include(GoogleTest)
  gtest_discover_tests(${target} PROPERTIES LABELS ${ARG_LABEL} DISCOVERY_TIMEOUT 30)
endfunction()
