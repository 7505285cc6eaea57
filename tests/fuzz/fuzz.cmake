# The libFuzzer targets fuzz_rules, fuzz_answers and fuzz_batch (SOCADVISE_FUZZ=ON, clang only).
# Everything that links sa_flags (the library first) is instrumented for coverage and built
# under AddressSanitizer and UndefinedBehaviorSanitizer; the targets add libFuzzer's main.
# tests/fuzz/run.sh runs one of them on its corpus; tests/fuzz/README.md describes the layout.
if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "SOCADVISE_FUZZ needs clang (libFuzzer): -DCMAKE_C_COMPILER=clang")
endif()
set(SA_FUZZ_SANITIZERS -fsanitize=fuzzer-no-link,address,undefined)
target_compile_options(sa_flags INTERFACE ${SA_FUZZ_SANITIZERS} -fno-omit-frame-pointer
  -fno-sanitize-recover=all -g)
target_link_options(sa_flags INTERFACE ${SA_FUZZ_SANITIZERS})
# A search budget of 200,000 evaluations instead of 4,500,000 (src/space.h): the budget's logic
# is the same, but a hostile rules file exhausts it within libFuzzer's 10-second limit.
target_compile_definitions(sa_flags INTERFACE SPACE_BUDGET=200000ULL)
foreach(target rules answers batch)
  add_executable(fuzz_${target} ${CMAKE_CURRENT_SOURCE_DIR}/tests/fuzz/fuzz_${target}.c)
  target_link_libraries(fuzz_${target} PRIVATE socadvise_cli socadvise_core sa_flags)
  target_include_directories(fuzz_${target} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src/cli)
  target_link_options(fuzz_${target} PRIVATE -fsanitize=fuzzer)
endforeach()
