#!/bin/sh
# test.sh - the whole test suite, as CI runs it: dependencies, a build with warnings as
# errors, every ctest (unit, wast, CLI, malformed), then the unit/CLI/malformed tests
# again with pogo built under AddressSanitizer and UndefinedBehaviorSanitizer.
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
   ctest -j "$jobs" --output-on-failure -R 'unit_|cli_|malformed')
echo "test: all passed"
