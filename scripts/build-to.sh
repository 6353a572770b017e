#!/usr/bin/env bash
# Builds the package into another folder (DIR/dist + DIR/package.json), so several people can
# build and run the workflow tests at once without racing on ./dist:
#   scripts/build-to.sh /tmp/mybuild && ZOHO_BEAM_PACKAGE_DIR=/tmp/mybuild npx jest test/workflows/x.test.ts
set -euo pipefail
out="${1:?usage: scripts/build-to.sh DIR}"
cd "$(dirname "$0")/.."
rm -rf "$out/dist" && mkdir -p "$out"
npx tsc -p tsconfig.json --outDir "$out/dist" || echo "tsc reported type errors (JS was still emitted; fix them before committing)"
cp package.json "$out/package.json"
# The build must load the same n8n-workflow as the harness (instanceof checks across them).
ln -sfn "$PWD/node_modules" "$out/node_modules"
(cd nodes && find . -name '*.svg' -o -name '*.png' | while read -r f; do mkdir -p "$out/dist/nodes/$(dirname "$f")"; cp "$f" "$out/dist/nodes/$f"; done)
(cd credentials && find . -name '*.svg' -o -name '*.png' | while read -r f; do mkdir -p "$out/dist/credentials/$(dirname "$f")"; cp "$f" "$out/dist/credentials/$f"; done) || true
echo "built into $out"
