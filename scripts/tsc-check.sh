#!/usr/bin/env bash
# The drift check (README, "The drift check"): mpkit's TypeScript declarations
# against the platforms' official typings, at the versions pinned in
# tests/typings/package-lock.json. Installs them with npm ci, writes one
# assertion file per bundled API (`mpkit typescript --assertions`, into the
# git-ignored tests/typings/generated/), compiles each platform's with
# `tsc --noEmit --strict`, compiles the goldens in tests/typescript/, and
# proves the check can fail (tests/typings/tamper-test.sh).
# Prints every failing assertion with its API and member; exits 1 on any.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=tests/typings/lib.sh
source tests/typings/lib.sh

project=tests/typings
echo "-- npm ci (tests/typings)"
drift_install "$project"
echo "-- mpkit typescript --assertions"
drift_generate "$project"

status=0
echo "-- tsc --strict: the assertions, per platform"
drift_compile "$project" || status=1

echo "-- tsc: the golden declarations (tests/typescript/*.d.ts)"
if node "$project/node_modules/typescript/bin/tsc" -p "$project/tsconfig.declarations.json"; then
  echo "ok   the goldens compile"
else
  status=1
fi

node "$project/tools.mjs" members "$project" > "$project/generated/members.json"
node "$project/tools.mjs" untyped "$project/generated/members.json"

echo "-- the check fails when an official type changes (tests/typings/tamper-test.sh)"
bash "$project/tamper-test.sh" || status=1

if [ "$status" != 0 ]; then
  echo "The drift check failed: fix the schema, or record a deliberate difference with x-departs-from-typings on the member (see README)." >&2
fi
exit "$status"
