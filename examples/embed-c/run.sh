#!/bin/sh
# run.sh - build and run the embed-c example: wasm text -> wasm -> pogo --lib -> C host.
# Usage: examples/embed-c/run.sh [path/to/pogo]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
pogo=${1:-pogo}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
wat2wasm "$here/checksum.wat" -o "$out/checksum.wasm"
"$pogo" build --lib "$out/checksum.wasm" -o "$out/libchecksum.a"
cc -std=c17 -Wall -Wextra -Werror -I "$out" "$here/main.c" "$out/libchecksum.a" -lm -lpthread -o "$out/embed"
"$out/embed"
