#!/usr/bin/env bash
# The contract suite (test/contract) against the real SDK library: the
# package's SDK backend loads ../shared/real-sdk/lib/libfpga_mgmt.so.1, built
# unchanged from the public aws-fpga sources, on a fake F2 sysfs tree with the
# management mailbox emulated (../shared/real-sdk/README.md). The same tests
# run on the simulated device in `npm test`: where the two answer differently,
# one of them is wrong.
#
#   scripts/test-real-sdk.sh [jest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

sdk=${AWS_FPGA_REAL_SDK:-$PWD/../shared/real-sdk}
if [ ! -x "$sdk/with-mbox.sh" ] || [ ! -f "$sdk/lib/libfpga_mgmt.so.1" ]; then
  echo "test:real-sdk: no real SDK harness at $sdk (set AWS_FPGA_REAL_SDK to its folder)" >&2
  exit 1
fi
npm run -s build:ts

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# One slot; the tests share the emulated machine, so they run one at a time.
"$sdk/with-mbox.sh" -n 1 -d "$work/devices" -- \
  env AWS_FPGA_BACKEND=sdk AWS_FPGA_SDK_LIBRARY="$sdk/lib/libfpga_mgmt.so.1" \
  npx jest --runInBand --roots "$PWD/test/contract" "$@"
