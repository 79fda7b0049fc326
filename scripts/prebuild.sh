#!/usr/bin/env bash
# The native files that ship in the package, in prebuilds/<platform>-<arch>/: one
# stripped Node-API addon for every supported Node.js version, and beside it the
# simulated-device library (prebuildify copies every shared library of build/Release).
set -euo pipefail
cd "$(dirname "$0")/.."
# prebuildify gives node-gyp no -j; node-gyp takes JOBS from the environment instead.
JOBS=max prebuildify --napi --strip
# prebuildify moves the addon out of build/Release, which node-gyp-build prefers in a
# source tree; node-gyp build copies it back.
node-gyp build
