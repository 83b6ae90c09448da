#!/usr/bin/env bash
# The WebAssembly benchmarks of BENCHMARKS.md ("WebAssembly: size and
# per-call overhead"): builds the example mini program's module (WasmHost
# and the five bundled APIs) size-optimized, with and without the
# `error-paths` feature, reports its raw, gzip and brotli sizes with the
# largest contributors, then the per-call overhead of the bridge under Node
# against JSON.parse measured in the same run. The
# MVP build (nightly, -Zbuild-std) is measured too when nightly Rust with
# rust-src is installed.
#
# Usage: hosts/wasm/bench/run.sh   (after scripts/test-wasm.sh has installed
# the wasm target, wasm-bindgen-cli and the npm packages)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../../.." && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

modes=(release release-no-error-paths)
if rustup component list --toolchain nightly --installed 2>/dev/null | grep -q '^rust-src'; then
  modes+=(mvp)
fi
for mode in "${modes[@]}"; do
  case "$mode" in
    release-no-error-paths) flags=(--release --no-error-paths) ;;
    *) flags=("--$mode") ;;
  esac
  bash "$ROOT/hosts/wasm/glue/build-miniprogram.sh" "${flags[@]}" "$out/$mode" >&2
  echo "== $mode: size (wasm-opt -Os)"
  node "$ROOT/hosts/wasm/bench/size.cjs" "$out/$mode/mpkit.named.wasm" "$out/$mode/mpkit.wasm"
  echo "== $mode: per call (Node $(node --version))"
  node "$ROOT/hosts/wasm/bench/calls.cjs" "$out/$mode"
done
