#!/bin/sh
# setup.sh - make a fresh Debian 12 machine ready for pogo, build it, and run the
# bundled example. Safe to re-run: only missing packages are installed.
#
#   scripts/setup.sh             install, build (into build/), run the example
#   scripts/setup.sh --deps-only install only
#   scripts/setup.sh --bench     also what only the benchmark needs (bench/run.py's
#                                chart: python3-matplotlib); combines with --deps-only
set -eu
cd "$(dirname "$0")/.."

deps_only=false
bench=false
for a in "$@"; do
  case "$a" in
    --deps-only) deps_only=true ;;
    --bench) bench=true ;;
    *) echo "usage: scripts/setup.sh [--deps-only] [--bench]" >&2; exit 2 ;;
  esac
done

# Toolchain and libraries pogo builds and tests with. Go and node come with the
# machine; tcc makes -O0 builds fast (pogo build --cc tcc); clang/lld/wasi-libc build
# C guests; golang-1.19-go builds legacy Go guests.
packages="cmake make gcc g++ python3 pkg-config wabt libcriterion-dev tcc \
clang lld wasi-libc libclang-rt-14-dev-wasm32 golang-1.19-go"
# The benchmark draws its chart with Debian's matplotlib (for /usr/bin/python3); its
# tables need nothing more. wazero is installed by bench/run.py itself (go install).
if $bench; then
  packages="$packages python3-matplotlib"
fi

missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  echo "setup: installing$missing"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing
fi
$deps_only && exit 0

jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j "$jobs"
echo "setup: running the embed-c example"
examples/embed-c/run.sh "$PWD/build/pogo"
