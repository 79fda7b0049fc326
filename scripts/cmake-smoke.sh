#!/usr/bin/env bash
# Builds the addon and the simulated-device library with cmake-js and runs the smoke
# programs on the package with them. node-gyp-build takes the addon from
# $AWS_FPGA_PREBUILD/build/Release, which is why cmake-js builds into build-cmake/build.
set -euo pipefail
cd "$(dirname "$0")/.."
# cmake-js builds one file at a time unless told; CMake takes the level from here.
CMAKE_BUILD_PARALLEL_LEVEL=$(nproc) npm run build:cmake
mkdir -p build-cmake/smoke
AWS_FPGA_PREBUILD=$PWD/build-cmake scripts/smoke/run.sh build-cmake/smoke "$PWD/build-cmake/build/Release"
echo "cmake-smoke: the cmake-js build works"
