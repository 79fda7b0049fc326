#!/usr/bin/env bash
# The whole jest suite on the addon and the simulated device built with
# AddressSanitizer and UndefinedBehaviorSanitizer. Fails on any sanitizer
# report, even when every test passes: reports go to files, one per process,
# so those of child processes and worker threads are caught too.
#
#   scripts/test-asan.sh [jest arguments]
#
# The sanitized build goes to build-asan/ (never build/, which the normal
# build owns) and is loaded through AWS_FPGA_PREBUILD, which node-gyp-build
# honours, in this process, its workers and every child process the tests
# start. Node itself is not instrumented: the runtime is preloaded into it.
set -euo pipefail
cd "$(dirname "$0")/.."

out=$PWD/build-asan
reports=$out/reports
flags="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g"

rm -rf "$out"
mkdir -p "$out" "$reports"
cp -r binding.gyp native "$out/"
echo "test:asan: building the sanitized addon in $out"
CXXFLAGS="$flags" LDFLAGS="-fsanitize=address,undefined" npx node-gyp rebuild -j 2 --directory "$out" >"$out/build.log" 2>&1 ||
  { cat "$out/build.log"; exit 1; }
npm run -s build:ts

runtime=$("${CXX:-g++}" -print-file-name=libasan.so)
# detect_leaks=0: Node is not built with the sanitizer and leaves much of its
# own memory to the operating system at exit; each allocation's stack runs
# through Node, so no suppression could tell its leaks from the addon's.
# Leaks are measured instead by test/reliability/handles*.ts (handles freed
# and memory flat over 100 000 cycles, 10 000 handles finalized).
asan_options="detect_leaks=0:log_path=$reports/asan"
ubsan_options="print_stacktrace=1:halt_on_error=1:log_path=$reports/ubsan"

# The tests must load the sanitized addon...
loaded=$(AWS_FPGA_PREBUILD=$out node -p "require('node-gyp-build').path('.')")
[ "$loaded" = "$out/build/Release/aws_fpga.node" ] || { echo "test:asan: node-gyp-build finds $loaded" >&2; exit 1; }
# ...and a report must land where it is looked for: a canary overflow.
printf 'int main(void) { int a[1]; volatile int i = 1; return a[i]; }\n' >"$out/canary.c"
"${CC:-gcc}" -fsanitize=address -g "$out/canary.c" -o "$out/canary"
ASAN_OPTIONS=$asan_options "$out/canary" && { echo "test:asan: the canary overflow went unnoticed" >&2; exit 1; }
ls "$reports"/asan.* >/dev/null 2>&1 || { echo "test:asan: the canary's report is not in $reports" >&2; exit 1; }
rm -f "$reports"/*
set +e
LD_PRELOAD=$runtime \
  ASAN_OPTIONS=$asan_options \
  UBSAN_OPTIONS=$ubsan_options \
  AWS_FPGA_PREBUILD=$out \
  node node_modules/jest/bin/jest.js "$@" 2>&1 | tee "$out/jest.log"
status=${PIPESTATUS[0]}
set -e

found=$(find "$reports" -type f | sort)
if [ -n "$found" ] || grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$out/jest.log"; then
  echo "test:asan: sanitizer reports:" >&2
  for report in $found; do echo "== $report" >&2; cat "$report" >&2; done
  exit 1
fi
[ "$status" -eq 0 ] || exit "$status"
echo "test:asan: no sanitizer report"
