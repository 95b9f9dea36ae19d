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

# vnn_heavy_headers(<target>)
# Precompiles the headers nearly every file of a service includes (gRPC, protobuf, libpqxx,
# JSON): parsing them was most of each file's compile time. VNN_PCH=OFF turns it off.
function(vnn_heavy_headers target)
  if(VNN_PCH)
    target_precompile_headers(${target} PRIVATE <grpcpp/grpcpp.h> <google/protobuf/message.h>
                              <pqxx/pqxx> <nlohmann/json.hpp> <string> <vector> <map>)
    # With the header precompiled, GCC 12 reports std::string's own operator+ as writing out of
    # bounds (GCC bugs 105329, 105651); those warnings are off for such targets on that compiler.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
      target_compile_options(${target} PRIVATE -Wno-array-bounds -Wno-stringop-overflow)
    endif()
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
  # Tests exercise the services' code, which keeps the build's optimisation; their own files
  # need little, and compile faster without it.
  target_compile_options(${target} PRIVATE -O1)
  target_link_libraries(${target} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gtest_main GTest::gmock)
  include(GoogleTest)
  gtest_discover_tests(${target} PROPERTIES LABELS ${ARG_LABEL} DISCOVERY_TIMEOUT 30)
endfunction()

# vnn_binary_path_definitions(<target> BINARIES <executable targets>)
# Compiles each binary's path in as VNN_<NAME>_BINARY (vnn-household-review →
# VNN_HOUSEHOLD_REVIEW_BINARY) and builds the binaries first: tests and benches start them.
function(vnn_binary_path_definitions target)
  cmake_parse_arguments(ARG "" "" "BINARIES" ${ARGN})
  foreach(binary ${ARG_BINARIES})
    string(REGEX REPLACE "^vnn-" "" stem ${binary})
    string(REPLACE "-" "_" stem ${stem})
    string(TOUPPER ${stem} stem)
    target_compile_definitions(${target} PRIVATE VNN_${stem}_BINARY="$<TARGET_FILE:${binary}>")
    add_dependencies(${target} ${binary})
  endforeach()
endfunction()

# vnn_service(<name>
#             PROTOS <files under proto/>        the service's API, generated with gRPC stubs
#             [LINKS <targets>]                  other services' protos it uses (never their code)
#             [TEST_BINARIES <executables>])     processes its integration tests start besides it
# Declares one service from its folder's conventional layout:
#   src/rules/*.cc       vnn_<name>_rules: domain rules, linking only vnn_platform_core
#   src/*.cc             vnn_<name>: handlers, storage and events (main.cc excluded)
#   src/main.cc          the binary vnn-<name with '-'>
#   migrations/*.sql     embedded in the library as <name>_migrations()
#   tests/unit/*_test.cc            <name>_unit_tests (label unit), against the rules
#   tests/integration/*_test.cc     <name>_integration_tests (label integration), with any
#                                   tests/integration/*_fixture.cc, against real servers
function(vnn_service name)
  cmake_parse_arguments(ARG "" "" "PROTOS;LINKS;TEST_BINARIES" ${ARGN})
  string(REPLACE "_" "-" binary_stem ${name})
  set(binary vnn-${binary_stem})

  vnn_proto_library(vnn_${name}_proto GRPC PROTOS ${ARG_PROTOS} DEPS vnn_common_proto)

  file(GLOB rules_sources CONFIGURE_DEPENDS src/rules/*.cc)
  if(rules_sources)
    add_library(vnn_${name}_rules STATIC ${rules_sources})
    vnn_warnings(vnn_${name}_rules)
    target_include_directories(vnn_${name}_rules PUBLIC src)
    target_link_libraries(vnn_${name}_rules PUBLIC vnn_platform_core)
  endif()

  file(GLOB service_sources CONFIGURE_DEPENDS src/*.cc)
  list(FILTER service_sources EXCLUDE REGEX ".*/main\\.cc$")
  add_library(vnn_${name} STATIC ${service_sources})
  vnn_warnings(vnn_${name})
  vnn_heavy_headers(vnn_${name})
  target_include_directories(vnn_${name} PUBLIC src)
  target_link_libraries(vnn_${name} PUBLIC vnn_platform vnn_${name}_proto ${ARG_LINKS})
  if(rules_sources)
    target_link_libraries(vnn_${name} PUBLIC vnn_${name}_rules)
  endif()
  file(GLOB migrations CONFIGURE_DEPENDS migrations/*.sql)
  vnn_embed_files(vnn_${name} NAMESPACE vnn::${name}::generated FUNCTION ${name}_migrations
                  FILES ${migrations})

  add_executable(${binary} src/main.cc)
  vnn_warnings(${binary})
  target_link_libraries(${binary} PRIVATE vnn_${name})

  if(NOT VNN_BUILD_TESTS)
    return()
  endif()
  file(GLOB unit_tests CONFIGURE_DEPENDS tests/unit/*_test.cc)
  if(unit_tests)
    if(rules_sources)
      vnn_test(${name}_unit_tests LABEL unit SOURCES ${unit_tests} LIBS vnn_${name}_rules)
    else()
      vnn_test(${name}_unit_tests LABEL unit SOURCES ${unit_tests} LIBS vnn_${name})
    endif()
  endif()
  file(GLOB integration_tests CONFIGURE_DEPENDS tests/integration/*_test.cc)
  file(GLOB integration_fixtures CONFIGURE_DEPENDS tests/integration/*_fixture.cc)
  if(integration_tests)
    vnn_test(${name}_integration_tests LABEL integration
             SOURCES ${integration_tests} ${integration_fixtures}
             LIBS vnn_${name} vnn_test_support)
    vnn_binary_path_definitions(${name}_integration_tests
                                BINARIES ${binary} ${ARG_TEST_BINARIES})
  endif()
endfunction()
