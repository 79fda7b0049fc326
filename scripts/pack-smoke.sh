#!/usr/bin/env bash
# Proves that the package as published installs and runs without a compiler: builds
# the prebuilds, packs the tarball and checks its file list, installs it into an empty
# project with no cc, c++ or make on the PATH, and runs the smoke programs there (and
# the command-line tool, when the package has one).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

npm run prebuild
npm pack --json --pack-destination "$work" > "$work/pack.json"  # runs prepare: dist/ built afresh
node scripts/check-pack.js "$work/pack.json"
tarball=$work/$(node -p "require('$work/pack.json')[0].filename")

# A PATH of node, npm and a few basic tools: nothing on it could build the addon.
tools=$work/tools
mkdir "$tools"
for tool in node npm npx sh bash env cp dirname; do ln -s "$(command -v "$tool")" "$tools/"; done
if env PATH="$tools" bash -c 'command -v cc gcc c++ g++ make'; then
  echo "pack-smoke: a compiler is still reachable" >&2
  exit 1
fi

app=$work/app
mkdir "$app"
# npm 11 runs a dependency's install script only once the project approves it, by
# the dependency's resolved identity (for a tarball, its file: URL); strict mode turns
# a missing approval into an error instead of a silent skip.
echo "{ \"name\": \"smoke\", \"private\": true, \"allowScripts\": { \"file:$tarball\": true } }" > "$app/package.json"
# With the optional peers (the AWS SDK clients of aws-fpga/afi), as a user of every
# entry point would have them: the smoke programs type-check all the package's typings.
peers=$(node -p "Object.entries(require('./package.json').peerDependencies).map(([name, range]) => name + '@' + range).join(' ')")
# shellcheck disable=SC2086 # one argument per peer
(cd "$app" && PATH=$tools npm install --prefer-offline --no-audit --no-fund --foreground-scripts --strict-allow-scripts \
  "$tarball" $peers) |
  tee "$work/install.log"
package=$app/node_modules/aws-fpga
# The install script ran and node-gyp-build took the prebuild: a build would have
# failed without a compiler, and would have left a build/ directory.
grep -q '^> node-gyp-build$' "$work/install.log"
test ! -e "$package/build"

PATH=$tools scripts/smoke/run.sh "$app" "$package/prebuilds/linux-x64"
if node -e "process.exit(require('$package/package.json').bin ? 0 : 1)"; then
  (cd "$app" && PATH=$tools npx --no -- aws-fpga describe-local-image -S 0 --mock)
fi
echo "pack-smoke: the packed package installs without a compiler and works"
