#!/usr/bin/env bash
# Usage: run.sh DIR NATIVE_DIR
# Compiles the smoke programs into DIR, where 'aws-fpga' resolves to the package under
# test (type-checking them against its typings for import and require), then runs
# them on the simulated device through both backends: built in, and the standalone
# library through the SDK loader. NATIVE_DIR is where the package must take its
# addon and that library from.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$(dirname "$here")")
dir=$1
export SMOKE_NATIVE_DIR=$2

cp "$here"/tsconfig.json "$here"/*.cts "$here"/*.mts "$dir/"
node "$repo/node_modules/typescript/bin/tsc" -p "$dir" --typeRoots "$repo/node_modules/@types"
AWS_FPGA_BACKEND=mock node "$dir/require.cjs"
AWS_FPGA_BACKEND=mock node "$dir/import.mjs"
AWS_FPGA_BACKEND=sdk AWS_FPGA_SDK_LIBRARY="$SMOKE_NATIVE_DIR/libfpga_mgmt_mock.so" node "$dir/import.mjs"
