#!/usr/bin/env bash
# The threaded tests on the addon and the simulated device built with
# ThreadSanitizer. Fails on any report (a data race, a lock-order inversion, a
# mutex misused), even when every test passes: reports go to files, one per
# process, so those of child processes are caught too.
#
#   scripts/test-tsan.sh [jest arguments]      (default: the files below)
#
# The build, its loading and the collection of reports: scripts/sanitizer-common.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/sanitizer-common.sh

# The tests that call the addon from several threads at once: worker threads,
# calls on several slots in flight together on the slots' own threads, close
# and exit with calls in flight, and injected faults coming and going. (Any
# other test file can be named on the command line.)
tests=(
  test/reliability/threads.test.ts test/reliability/device-threads.test.ts test/mock-cl-threads.test.ts
  test/reliability/close.test.ts test/reliability/exit.test.ts test/reliability/faults-chaos.test.ts
)
[ $# -gt 0 ] || set -- "${tests[@]}"

sanitizer_build tsan "-fsanitize=thread -g -O1" "-fsanitize=thread"  # -O1: as for test:asan

runtime=$("${CXX:-g++}" -print-file-name=libtsan.so)
# Node, V8 and libuv are not instrumented, so TSan sees their memory accesses
# only through the functions it intercepts (free, memcpy...) and misses most of
# the ordering their own atomics give: without ignore_noninstrumented_modules it
# reports races inside Node alone (V8's job workers against their handles'
# destruction, worker MessagePorts freeing strings V8 is copying), none of
# which involves this package's code. The flag drops accesses made by those
# intercepted functions when Node calls them, but not the locking it does
# through them: pthread mutexes and condition variables still order threads.
# report_signal_unsafe=0: Node's signal handlers allocate; the addon has none.
tsan_options="ignore_noninstrumented_modules=1:report_signal_unsafe=0:second_deadlock_stack=1:log_path=$reports/tsan"

# A report must land where it is looked for, from an instrumented module loaded
# into Node as the addon is: a canary addon whose two threads race on a counter.
cat >"$out/canary.c" <<'C'
#include <node_api.h>
#include <pthread.h>
static int counter;
static void *bump(void *unused) { (void)unused; counter++; return NULL; }
NAPI_MODULE_INIT() {
  pthread_t a, b;
  pthread_create(&a, NULL, bump, NULL);
  pthread_create(&b, NULL, bump, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return exports;
}
C
"${CC:-gcc}" -shared -fPIC -fsanitize=thread -g -I"$(node -p "require('path').resolve(process.execPath, '../../include/node')")" \
  "$out/canary.c" -o "$out/canary.node"
LD_PRELOAD=$runtime TSAN_OPTIONS=$tsan_options node -e "require('$out/canary.node')" 2>/dev/null &&
  { echo "test:tsan: the canary race went unnoticed" >&2; exit 1; }
grep -qs 'WARNING: ThreadSanitizer: data race' "$reports"/tsan.* ||
  { echo "test:tsan: the canary's report is not in $reports" >&2; exit 1; }

sanitizer_jest tsan 'WARNING: ThreadSanitizer|ThreadSanitizer: reported' \
  LD_PRELOAD="$runtime" TSAN_OPTIONS="$tsan_options" -- "$@"
