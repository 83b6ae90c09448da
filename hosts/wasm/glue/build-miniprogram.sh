#!/usr/bin/env bash
# Builds the example mini program's WebAssembly module (hosts/wasm/examples/
# miniprogram.rs) into files a mini program loads:
#   <out>/mpkit.js        the loader glue (CommonJS, no TextDecoder needed)
#   <out>/mpkit.wasm.br   the module, brotli-compressed (WeChat >= 2.14.0)
#   <out>/mpkit.wasm      the module, uncompressed
#
# Usage: build-miniprogram.sh [--release | --mvp] [--workers <dir>] [--no-error-paths] <out-dir>
#   (none)     the test profile, shared with the wasm tests' build: quick.
#   --release  size-optimized on stable Rust: opt-level z, LTO, one codegen
#              unit, panic=abort, then wasm-opt -Os (binaryen from npm,
#              tests/sim/node_modules). Rust >= 1.82 enables reference types
#              and multivalue, so the module needs a runtime with them.
#   --mvp      as --release, but WebAssembly 1.0 (MVP) only, for runtimes that
#              reject newer features (iOS WeChat has been reported to): needs
#              nightly Rust with rust-src, to rebuild std for target-cpu=mvp
#              (-Zbuild-std), with panics aborting at once. wasm-opt then
#              validates the module with MVP features only, so a feature that
#              slips in fails the build.
#   --no-error-paths  without mpkit-wasm's default `error-paths` feature:
#              decode errors carry serde_json's reason but no JSON path, and
#              the module loses the second decoder per response type.
#   --workers  also copies the glue into <dir>, a mini program's workers
#              directory: code in a worker can only require files there
#              (Alipay runs WebAssembly only in workers). The module stays in
#              <out-dir>, outside it, as the platforms require.
# Debug and producers sections are stripped by wasm-opt, after wasm-bindgen
# has read the target_features section (`strip = true` in a profile would
# drop it first and turn wasm-bindgen's reference-types support off).
#
# Needs wasm-bindgen on PATH at the Cargo.lock version (scripts/test-wasm.sh
# installs it) and, for --release and --mvp, `npm ci` done in tests/sim.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"

mode=test
workers=
features=()
while [ $# -gt 1 ]; do
  case "$1" in
    --release) mode=release; shift ;;
    --mvp) mode=mvp; shift ;;
    --workers) workers="${2:?--workers needs a directory}"; shift 2 ;;
    --no-error-paths) features=(--no-default-features); shift ;;
    *) break ;;
  esac
done
out="${1:?usage: build-miniprogram.sh [--release | --mvp] [--workers <dir>] [--no-error-paths] <out-dir>}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
target_dir="${CARGO_TARGET_DIR:-$ROOT/target}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

size_profile() {
  CARGO_PROFILE_RELEASE_OPT_LEVEL=z \
  CARGO_PROFILE_RELEASE_LTO=true \
  CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 \
    "$@"
}

cd "$ROOT"
build=(-p mpkit-wasm --example miniprogram --target wasm32-unknown-unknown ${features[@]+"${features[@]}"})
case "$mode" in
  test)
    cargo build "${build[@]}"
    wasm="$target_dir/wasm32-unknown-unknown/debug/examples/miniprogram.wasm"
    ;;
  release)
    CARGO_PROFILE_RELEASE_PANIC=abort size_profile cargo build "${build[@]}" --release
    wasm="$target_dir/wasm32-unknown-unknown/release/examples/miniprogram.wasm"
    ;;
  mvp)
    # Its own target directory: other RUSTFLAGS and a rebuilt std.
    target_dir="$target_dir/mvp"
    CARGO_TARGET_DIR="$target_dir" \
    RUSTFLAGS="-Ctarget-cpu=mvp -Ctarget-feature=-reference-types,-multivalue -Zunstable-options -Cpanic=immediate-abort" \
      size_profile cargo +nightly build -Zbuild-std=std,panic_abort "${build[@]}" --release
    wasm="$target_dir/wasm32-unknown-unknown/release/examples/miniprogram.wasm"
    ;;
esac

wasm-bindgen --target web --out-dir "$work" --out-name mpkit "$wasm"
wasm_opt="$ROOT/tests/sim/node_modules/.bin/wasm-opt"
case "$mode" in
  test) cp "$work/mpkit_bg.wasm" "$out/mpkit.wasm" ;;
  # -Os rather than -Oz: on rustc's opt-level=z output, -Oz's extra
  # shrinking makes the module smaller raw but larger brotli-compressed,
  # which is what a code package holds (hosts/wasm/bench/steps.sh measures both).
  release) "$wasm_opt" -Os --strip-debug --strip-producers "$work/mpkit_bg.wasm" -o "$out/mpkit.wasm" ;;
  mvp) "$wasm_opt" --mvp-features -Os --strip-debug --strip-producers "$work/mpkit_bg.wasm" -o "$out/mpkit.wasm" ;;
esac
if [ "$mode" != test ]; then
  # rustc's output, with its symbol names, for the size report.
  cp "$wasm" "$out/mpkit.named.wasm"
fi
node "$ROOT/hosts/wasm/glue/miniprogram-glue.cjs" "$work/mpkit.js" "$out/mpkit.js"
if [ -n "$workers" ]; then
  mkdir -p "$workers"
  cp "$out/mpkit.js" "$workers/mpkit.js"
fi
node -e '
  const zlib = require("zlib"), fs = require("fs");
  const [from, to] = process.argv.slice(1);
  fs.writeFileSync(to, zlib.brotliCompressSync(fs.readFileSync(from), {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_LGWIN]: 24 },
  }));
' "$out/mpkit.wasm" "$out/mpkit.wasm.br"
echo "built $out/mpkit.js and $out/mpkit.wasm.br ($mode)"
