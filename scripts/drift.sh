#!/usr/bin/env bash
# The first step of "When a platform changes" (README): the drift check
# against the LATEST published official typings, before `mpkit diff`.
# Copies the test project (tests/typings/) to a temporary directory, installs
# each typings package of platforms.txt at @latest there (TypeScript stays
# pinned), and prints:
#   1. the versions, pinned → latest;
#   2. what changed in the official types per API: new or removed options
#      and fields, changed types, changed optionality;
#   3. the drift check against the latest typings: every assertion that
#      fails, with its API and member.
# Exits 1 when the check fails against the latest typings, 0 otherwise (a
# change that breaks nothing is printed, not failed). Pinned files are not
# touched: to adopt a version, run `npm install --save-exact <pkg>@<version>`
# in tests/typings/ and then scripts/tsc-check.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=tests/typings/lib.sh
source tests/typings/lib.sh

project=tests/typings
echo "-- npm ci (tests/typings, the pinned versions)"
drift_install "$project"
echo "-- mpkit typescript --assertions"
drift_generate "$project"

latest=$(mktemp -d)
trap 'rm -rf "$latest"' EXIT
cp "$project"/package.json "$project"/package-lock.json "$project"/platforms.txt \
  "$project"/tools.mjs "$project"/tsconfig.*.json "$latest/"
cp -r "$project/globals" "$project/generated" "$latest/"
mapfile -t packages < <(drift_platforms "$project" | awk '{ print $2 }')
echo "-- npm install ${packages[*]/%/@latest}"
(cd "$latest" && npm ci --no-audit --no-fund --loglevel=error >/dev/null &&
  npm install --no-audit --no-fund --loglevel=error --save-exact "${packages[@]/%/@latest}" >/dev/null)

echo
echo "== versions (pinned → latest)"
version() { node -p "require('$1/node_modules/$2/package.json').version"; }
for package in "${packages[@]}"; do
  pinned=$(version "$PWD/$project" "$package")
  now=$(version "$latest" "$package")
  if [ "$pinned" = "$now" ]; then
    echo "$package $pinned (unchanged)"
  else
    echo "$package $pinned → $now"
  fi
done

echo
echo "== what changed in the official types, per API"
node "$project/tools.mjs" members "$project" > "$latest/pinned.json"
node "$latest/tools.mjs" members "$latest" > "$latest/latest.json"
node "$project/tools.mjs" compare "$latest/pinned.json" "$latest/latest.json"
node "$project/tools.mjs" untyped "$latest/latest.json"

echo
echo "== the drift check against the latest typings"
status=0
drift_compile "$latest" || status=1
echo
if [ "$status" = 0 ]; then
  echo "The schemas agree with the latest typings. Next: update the schemas for any change above, then \`mpkit diff\`."
else
  echo "The schemas disagree with the latest typings (above). Next: fix each schema or record x-departs-from-typings, then \`mpkit diff old.json new.json\`." >&2
fi
exit "$status"
