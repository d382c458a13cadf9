#!/bin/sh
# run.sh - build and run the two-guests example: two Go (GOOS=js) programs -> wasm ->
# `pogo emit-c`, each with its own C prefix, compiled and linked into one C host with
# pogo's runtime; then compare what it prints with expected.txt.
#
# Two `pogo build --lib` archives cannot be linked together (each carries the whole
# runtime), so the host links the generated C of both modules with the runtime once,
# the way `pogo build` links an executable (compiler/driver.c).
# Usage: examples/two-guests/run.sh [path/to/pogo]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
pogo=$(command -v "${1:-pogo}")
cc=${CC:-cc}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# libpogo_rt.a: where pogo itself looks ($POGO_RUNTIME_DIR, beside the executable in a
# build tree, ../lib/pogo when installed)
bindir=$(dirname "$(readlink -f "$pogo")")
runtime=
for dir in "${POGO_RUNTIME_DIR:-}" "$bindir" "$bindir/../lib/pogo"; do
  if [ -n "$dir" ] && [ -r "$dir/libpogo_rt.a" ]; then runtime=$dir/libpogo_rt.a && break; fi
done
if [ -z "$runtime" ]; then
  echo "two-guests: libpogo_rt.a not found beside $pogo" >&2
  exit 1
fi
# flags the runtime was built with that guest code must share (e.g. sanitizers)
guest_flags=$("$pogo" version | sed -n 's/^guest C flags://p')

for guest in counter greeter; do
  (cd "$here/$guest" && GOOS=js GOARCH=wasm GOTOOLCHAIN=local go build -o "$out/$guest.wasm" .)
  "$pogo" emit-c "$out/$guest.wasm" -o "$out/$guest" --name "$guest"
done

# generated C: pogo's own flags for GCC and Clang (wasm float semantics, no sibling calls)
POGO_GUEST_CC="$cc -std=c17 -O1 -ffp-contract=off -fno-optimize-sibling-calls -fsignaling-nans -fno-strict-aliasing -w $guest_flags"
export POGO_GUEST_CC
ls "$out"/counter/*.c "$out"/greeter/*.c |
  xargs -P "$(nproc)" -n 1 sh -c '$POGO_GUEST_CC -c "$1" -o "${1%.c}.o"' sh

$cc -std=c17 -Wall -Wextra -Werror -I "$out/counter" -I "$out/greeter" -c "$here/main.c" -o "$out/main.o"
# shellcheck disable=SC2086 # guest_flags is a list of words
$cc "$out/main.o" "$out"/counter/*.o "$out"/greeter/*.o "$runtime" $guest_flags -lwasm-rt-impl -lm -lpthread \
  -o "$out/two-guests"

"$out/two-guests" >"$out/output.txt"
cat "$out/output.txt"
if ! diff -u "$here/expected.txt" "$out/output.txt" >&2; then
  echo "two-guests: the output differs from expected.txt" >&2
  exit 1
fi
