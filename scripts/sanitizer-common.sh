# Shared by scripts/test-asan.sh and scripts/test-tsan.sh (sourced, not run):
# the sanitized build in its own directory, the check that the tests load it,
# and jest run on it with every sanitizer report collected.
#
# The build goes to build-<name>/ (never build/, which the normal build owns)
# and is loaded through AWS_FPGA_PREBUILD, which node-gyp-build honours, in
# the test process, its workers and every child process the tests start. Node
# itself is not instrumented: the caller preloads the sanitizer's runtime.

# sanitizer_build NAME COMPILE_FLAGS LINK_FLAGS: builds the addon and the
# simulated device's library into build-NAME/ and sets $out and $reports.
sanitizer_build() {
  out=$PWD/build-$1
  reports=$out/reports
  rm -rf "$out"
  mkdir -p "$out" "$reports"
  cp -r binding.gyp native "$out/"
  echo "test:$1: building the sanitized addon in $out"
  CXXFLAGS="$2" LDFLAGS="$3" npx node-gyp rebuild -j 2 --directory "$out" >"$out/build.log" 2>&1 ||
    { cat "$out/build.log"; exit 1; }
  npm run -s build:ts
  local loaded
  loaded=$(AWS_FPGA_PREBUILD=$out node -p "require('node-gyp-build').path('.')")
  [ "$loaded" = "$out/build/Release/aws_fpga.node" ] || { echo "test:$1: node-gyp-build finds $loaded" >&2; exit 1; }
}

# sanitizer_jest NAME REPORT_PATTERN [VAR=value...] -- [jest arguments]:
# runs jest on the build with the given environment, then fails on any report
# file in $reports or any report line (REPORT_PATTERN, an ERE) in jest's
# output, even when every test passes; else exits with jest's status.
sanitizer_jest() {
  local name=$1 pattern=$2 vars=() status found report
  shift 2
  while [ "$1" != -- ]; do vars+=("$1"); shift; done
  shift
  rm -f "$reports"/*
  set +e
  # In band: a sanitized jest worker takes longer to exit than jest waits
  # before killing it, which would lose what the sanitizer writes at exit;
  # and sanitized code keeps both cores busy, so workers would gain little.
  env "${vars[@]}" AWS_FPGA_PREBUILD="$out" node node_modules/jest/bin/jest.js --runInBand "$@" 2>&1 | tee "$out/jest.log"
  status=${PIPESTATUS[0]}
  set -e
  found=$(find "$reports" -type f | sort)
  if [ -n "$found" ] || grep -qE "$pattern" "$out/jest.log"; then
    echo "test:$name: sanitizer reports:" >&2
    for report in $found; do echo "== $report" >&2; cat "$report" >&2; done
    exit 1
  fi
  [ "$status" -eq 0 ] || exit "$status"
  echo "test:$name: no sanitizer report"
}
