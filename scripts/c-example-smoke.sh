#!/usr/bin/env bash
# Builds and runs examples/c/hello_mock.c as README.md tells C users to: compiled
# with native/sdk_abi.h and linked against libfpga_mgmt.so.1, the SDK library's name,
# which here points at the package's simulated device.
set -euo pipefail
cd "$(dirname "$0")/.."
sim=$(mktemp -d)
trap 'rm -rf "$sim"' EXIT

ln -s "$(node -p "require('aws-fpga').mockLibraryPath()")" "$sim/libfpga_mgmt.so.1"
ln -s libfpga_mgmt.so.1 "$sim/libfpga_mgmt.so"
cc -std=c11 -Wall -Wextra -pedantic -Werror -I native examples/c/hello_mock.c -L "$sim" -lfpga_mgmt -o "$sim/hello_mock"
LD_LIBRARY_PATH=$sim "$sim/hello_mock"
echo "c-example-smoke: the C example runs on the simulated library"
