#!/usr/bin/env bash
# The jest suite on the addon and the simulated device built with
# AddressSanitizer and UndefinedBehaviorSanitizer. Fails on any sanitizer
# report, even when every test passes: reports go to files, one per process,
# so those of child processes and worker threads are caught too.
#
#   scripts/test-asan.sh [jest arguments]      (default: the suites below)
#
# The build, its loading and the collection of reports: scripts/sanitizer-common.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/sanitizer-common.sh

# Every suite but those that reach no native code of their own: the AFI tools
# (EC2 and S3, no addon), the command-line tool's and the examples' programs,
# the documentation checker and the fixed-point reference, all in separate
# processes whose calls into the addon the in-process suites make too. (The
# CLI's simulated machine, whose snapshots are native code, stays in.)
[ $# -gt 0 ] || set -- --testPathIgnorePatterns \
  '/test/(afi-[a-z-]+|cli|cli-(docs|no-addon|sdk-flags|session|walkthrough)|check-docs|examples)\.test\.ts$' \
  '/examples/beat-detector/fixed-point\.test\.ts$'

# -O1 (after the addon's -O3, so it wins): what the sanitizers' authors suggest, and a
# quarter quicker to build.
sanitizer_build asan "-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g -O1" \
  "-fsanitize=address,undefined"

runtime=$("${CXX:-g++}" -print-file-name=libasan.so)
# detect_leaks=0: Node is not built with the sanitizer and leaves much of its
# own memory to the operating system at exit; each allocation's stack runs
# through Node, so no suppression could tell its leaks from the addon's.
# Leaks are measured instead by test/reliability/handles*.ts (handles freed
# and memory flat over 100 000 cycles, 10 000 handles finalized).
asan_options="detect_leaks=0:log_path=$reports/asan"
ubsan_options="print_stacktrace=1:halt_on_error=1:log_path=$reports/ubsan"

# A report must land where it is looked for: a canary overflow.
printf 'int main(void) { int a[1]; volatile int i = 1; return a[i]; }\n' >"$out/canary.c"
"${CC:-gcc}" -fsanitize=address -g "$out/canary.c" -o "$out/canary"
ASAN_OPTIONS=$asan_options "$out/canary" && { echo "test:asan: the canary overflow went unnoticed" >&2; exit 1; }
ls "$reports"/asan.* >/dev/null 2>&1 || { echo "test:asan: the canary's report is not in $reports" >&2; exit 1; }

sanitizer_jest asan 'ERROR: (Address|Leak)Sanitizer|runtime error:' \
  LD_PRELOAD="$runtime" ASAN_OPTIONS="$asan_options" UBSAN_OPTIONS="$ubsan_options" -- "$@"
