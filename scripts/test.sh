#!/bin/sh
# test.sh - the whole test suite, as CI runs it: dependencies, a build with warnings as
# errors, every ctest (unit, wast, CLI, malformed, Go and WASI corpora, embedding),
# then the unit/CLI/malformed/embedding/hostile tests again with pogo built under
# AddressSanitizer and UndefinedBehaviorSanitizer, and the embedding test under
# ThreadSanitizer.
#
# The official WebAssembly testsuite is not run here (it is not committed); see README.
set -eu
cd "$(dirname "$0")/.."
scripts/setup.sh --deps-only
jobs=$(nproc 2>/dev/null || echo 2)

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPOGO_WERROR=ON
cmake --build build -j "$jobs"
(cd build && ctest -j "$jobs" --output-on-failure)

cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DPOGO_SANITIZE=address,undefined
cmake --build build-asan -j "$jobs"
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
   ctest -j "$jobs" --output-on-failure -R 'unit_|cli_|malformed|embed_api|hostile')

# the threaded parts (the embedding API's posts, shutdown races) under ThreadSanitizer
cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPOGO_SANITIZE=thread
cmake --build build-tsan -j "$jobs" --target pogo pogo_rt pogo_main
(cd build-tsan && TSAN_OPTIONS=halt_on_error=1 ctest --output-on-failure -R 'embed_api')
echo "test: all passed"
