#!/usr/bin/env bash
# Proves that the drift check fails when an official type changes
# incompatibly, and fails on the right file. Each case builds a copy of this
# project whose node_modules links to the installed packages except one,
# which is copied and edited; tsc must then report new errors (beyond those
# of the unedited copy), all in the expected assertion file, and one of them
# on the expected member. Needs node_modules/ and generated/, which
# scripts/tsc-check.sh makes first.
set -euo pipefail
cd "$(dirname "$0")"
here=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

# A copy of the project in $1 with every installed package linked.
copy_project() {
  local dir=$1 entry scoped
  mkdir -p "$dir/node_modules"
  cp platforms.txt tsconfig.*.json "$dir/"
  cp -r globals generated "$dir/"
  for entry in node_modules/*; do
    case "$(basename "$entry")" in
      @*)
        mkdir -p "$dir/$entry"
        for scoped in "$entry"/*; do ln -s "$here/$scoped" "$dir/$scoped"; done
        ;;
      *) ln -s "$here/$entry" "$dir/$entry" ;;
    esac
  done
}

# tsc's errors on the platform project $2 of the copy in $1.
tsc_errors() {
  (cd "$1" && node "$here/node_modules/typescript/bin/tsc" -p "tsconfig.$2.json") | grep 'error TS' || true
}

# Replaces the first `search` after `anchor` in a file, or fails.
edit() {
  # shellcheck disable=SC2016 # JavaScript, not shell
  node -e '
    const fs = require("fs");
    const [file, anchor, search, replace] = process.argv.slice(1);
    let text = fs.readFileSync(file, "utf8");
    const start = text.indexOf(anchor);
    const at = start < 0 ? -1 : text.indexOf(search, start);
    if (at < 0) {
      console.error(`tamper-test: ${JSON.stringify(search)} after ${JSON.stringify(anchor)} not found in ${file}`);
      process.exit(1);
    }
    fs.writeFileSync(file, text.slice(0, at) + replace + text.slice(at + search.length));
  ' "$@"
}

# tamper <what> <platform> <package> <file> <anchor> <search> <replace> <api> <member>
tamper() {
  local what=$1 platform=$2 package=$3 file=$4 anchor=$5 search=$6 replace=$7 api=$8 member=$9
  local dir="$work/$platform-$RANDOM" before after new explained
  copy_project "$dir"
  before=$(tsc_errors "$dir" "$platform")
  rm "$dir/node_modules/$package"
  cp -r "$here/node_modules/$package" "$dir/node_modules/$package"
  edit "$dir/node_modules/$package/$file" "$anchor" "$search" "$replace" || { failures=$((failures + 1)); return; }
  after=$(tsc_errors "$dir" "$platform")
  new=$(grep -Fxv -f <(printf '%s\n' "$before") <<<"$after" || true)
  explained=$(cd "$dir" && printf '%s\n' "$new" | node "$here/tools.mjs" explain)
  if [ -z "$new" ]; then
    echo "FAIL tamper: $what: tsc reported no new error" >&2
    failures=$((failures + 1))
  elif grep -v "^generated/$api\.ts(" <<<"$new" >&2; then
    echo "FAIL tamper: $what: errors outside generated/$api.ts (above)" >&2
    failures=$((failures + 1))
  elif ! grep -q "^FAIL $api: $member" <<<"$explained"; then
    echo "FAIL tamper: $what: no failing assertion on $member; got:" >&2
    echo "$explained" >&2
    failures=$((failures + 1))
  else
    echo "ok   tamper: $what: fails $(grep -c '^FAIL' <<<"$explained") assertion(s) of $api, on $member"
  fi
}

tamper "a success field's type (wx.getUserInfo rawData: string → number)" \
  wechat miniprogram-api-typings types/wx/lib.wx.api.d.ts \
  "interface GetUserInfoSuccessCallbackResult {" "rawData: string" "rawData: number" \
  wechat/getUserInfo "success.rawData:"
tamper "a removed option (tt.getUserProfile force)" \
  douyin @douyin-microapp/typings api/get-user-profile.d.ts \
  "export const getUserProfile" "force?: boolean | undefined;" "" \
  douyin/getUserProfile "request.force:"
tamper "a new required option (mpserverless.user.getInfo scope)" \
  mpserverless @alicloud/mpserverless-sdk dist/esm/user/index.d.ts \
  "export interface GetInfoOptions {" "authProvider?: string;" "authProvider?: string; scope: string;" \
  mpserverless/user.getInfo "request: every option the typings require"

exit $((failures > 0))
