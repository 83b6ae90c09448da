#!/usr/bin/env bash
# The size steps of BENCHMARKS.md ("WebAssembly: size and per-call
# overhead"), measured in one run: the example module built as `--release`
# from each revision given (default `main`; the first is the baseline; each
# exported with `git archive`, so the working tree is not touched, and built
# with its own build script) and from the working tree, then the
# working tree without the `error-paths` feature, then the working tree's
# wasm-bindgen output under several wasm-opt settings. Every line gives raw,
# gzip and brotli sizes and brotli against the baseline's; the wasm-opt
# settings also give the per-call bridge time against JSON.parse
# (calls.cjs), so a setting that saves bytes but costs time shows it.
#
# Usage: hosts/wasm/bench/steps.sh [baseline-rev [rev...]]   (after scripts/test-wasm.sh)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
revs=("$@")
[ ${#revs[@]} -gt 0 ] || revs=(main)
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
wasm_opt="$ROOT/tests/sim/node_modules/.bin/wasm-opt"

sizes() { # file -> "raw gzip brotli"
  node -e '
    const { compressed } = require(process.argv[1]);
    const s = compressed(require("fs").readFileSync(process.argv[2]));
    console.log(`${s.raw} ${s.gzip} ${s.brotli}`);
  ' "$ROOT/hosts/wasm/bench/size.cjs" "$1"
}
baseline_brotli=
row() { # label file [extra]
  local raw gzip brotli
  read -r raw gzip brotli < <(sizes "$2")
  baseline_brotli="${baseline_brotli:-$brotli}"
  printf '| %s | %s | %s | %s | %s |%s\n' "$1" "$raw" "$gzip" "$brotli" \
    "$(node -e "console.log((${brotli} / ${baseline_brotli}).toFixed(3) + 'x')")" "${3:-}"
}

echo "| build | raw (B) | gzip (B) | brotli (B) | brotli / baseline |"
echo "|---|---:|---:|---:|---:|"
for rev in "${revs[@]}"; do
  echo "== building $rev" >&2
  tree="$tmp/tree-$rev"
  mkdir -p "$tree"
  # -m: files dated now, or cargo would take the previous revision's build
  # (same metadata hash, older files) as fresh.
  git -C "$ROOT" archive "$rev" | tar -x -m -C "$tree"
  ln -s "$ROOT/tests/sim/node_modules" "$tree/tests/sim/node_modules"
  bash "$tree/hosts/wasm/glue/build-miniprogram.sh" --release "$tmp/out-$rev" >&2
  row "$rev ($(git -C "$ROOT" log -1 --format=%s "$rev" | cut -c1-60)…)" "$tmp/out-$rev/mpkit.wasm"
done
echo "== building the working tree" >&2
bash "$ROOT/hosts/wasm/glue/build-miniprogram.sh" --release "$tmp/out-head" >&2
bash "$ROOT/hosts/wasm/glue/build-miniprogram.sh" --release --no-error-paths "$tmp/out-nopaths" >&2
row "working tree" "$tmp/out-head/mpkit.wasm"
row "working tree, no \`error-paths\`" "$tmp/out-nopaths/mpkit.wasm"

echo >&2 "== wasm-opt settings on the working tree's module"
wasm-bindgen --target web --out-dir "$tmp/bg" --out-name mpkit "$tmp/out-head/mpkit.named.wasm"
echo
echo "| wasm-opt (working tree) | raw (B) | gzip (B) | brotli (B) | brotli / baseline | bridge / JSON.parse |"
echo "|---|---:|---:|---:|---:|---:|"
for flags in "--strip-debug" "-Oz" "-Oz --converge" "-Os" "-O3"; do
  dir="$tmp/opt-${flags// /_}"
  mkdir -p "$dir"
  # shellcheck disable=SC2086 # the flags are words
  "$wasm_opt" $flags --strip-debug --strip-producers "$tmp/bg/mpkit_bg.wasm" -o "$dir/mpkit.wasm"
  cp "$tmp/out-head/mpkit.js" "$dir/mpkit.js"
  ratio="$(node "$ROOT/hosts/wasm/bench/calls.cjs" "$dir" --json |
    node -e 'let t="";process.stdin.on("data",d=>t+=d).on("end",()=>{const r=JSON.parse(t);console.log(r.ratios.bridgeOverParse.toFixed(1)+"x")})')"
  row "\`$flags\`" "$dir/mpkit.wasm" " $ratio |"
done
