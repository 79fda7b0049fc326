#!/usr/bin/env bash
# npm run bench:sdk: bench/sdk.ts against the real SDK library on a fake F2
# sysfs tree (../shared/real-sdk, or the folder AWS_FPGA_REAL_SDK names).
set -euo pipefail
cd "$(dirname "$0")/.."
sdk=${AWS_FPGA_REAL_SDK:-$PWD/../shared/real-sdk}
[ -x "$sdk/with-mbox.sh" ] || { echo "bench:sdk: no real SDK harness at $sdk (set AWS_FPGA_REAL_SDK)" >&2; exit 1; }
npm run -s build:ts
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$sdk/with-mbox.sh" -n 1 -d "$work/devices" -- \
  env AWS_FPGA_BACKEND=sdk AWS_FPGA_SDK_LIBRARY="$sdk/lib/libfpga_mgmt.so.1" npx tsx bench/sdk.ts
