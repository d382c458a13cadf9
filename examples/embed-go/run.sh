#!/bin/sh
# run.sh - build and run the embed-go example: Go (GOOS=js) -> wasm -> pogo --lib -> C
# host, then compare what it prints with expected.txt.
# Usage: examples/embed-go/run.sh [path/to/pogo]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
pogo=${1:-pogo}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
(cd "$here/guest" && GOOS=js GOARCH=wasm GOTOOLCHAIN=local go build -o "$out/guest.wasm" .)
"$pogo" build --lib -O1 "$out/guest.wasm" -o "$out/libguest.a"
${CC:-cc} -std=c17 -Wall -Wextra -Werror -I "$out" "$here/main.c" "$out/libguest.a" -lm -lpthread -o "$out/embed-go"
"$out/embed-go" >"$out/output.txt"
cat "$out/output.txt"
if ! diff -u "$here/expected.txt" "$out/output.txt" >&2; then
  echo "embed-go: the output differs from expected.txt" >&2
  exit 1
fi
