#!/usr/bin/env bash
# The WebAssembly tests: mpkit-wasm's WasmHost against the Node platform
# simulator (tests/sim), and the example mini program (examples/miniprogram)
# loaded in Node stand-ins for the runtimes of WeChat, Douyin and Alipay (a
# worker). What CI runs (.ci/run);
# works on a fresh clone and installs what it needs:
#   - the wasm32-unknown-unknown target (rustup);
#   - wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock
#     (`cargo install`, without --locked, which this registry refuses;
#     skipped when that version is already on PATH);
#   - the simulator's npm packages (ajv, binaryen), from its package-lock.
# The tests run under Node through wasm-bindgen-test-runner, as cargo's
# runner for the wasm target (not `cargo test -q`: the runner refuses
# --quiet), with the simulator preloaded (`node --require`).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

echo "== wasm32-unknown-unknown target"
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

version="$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
if [ -z "$version" ]; then
  echo "Cargo.lock names no wasm-bindgen version" >&2
  exit 1
fi
echo "== wasm-bindgen-cli $version"
if [ "$(wasm-bindgen-test-runner --version 2>/dev/null || true)" != "wasm-bindgen-test-runner $version" ] ||
   [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $version" ]; then
  # The TLS stack is only for downloading browser drivers; Node needs none.
  cargo install wasm-bindgen-cli --version "$version" --no-default-features
fi

echo "== npm ci (tests/sim: ajv, binaryen)"
if ! cmp -s tests/sim/package-lock.json tests/sim/node_modules/.mpkit-installed-lock; then
  (cd tests/sim && npm ci --no-audit --no-fund --loglevel=error)
  cp tests/sim/package-lock.json tests/sim/node_modules/.mpkit-installed-lock
fi

echo "== WasmHost against the platform simulator (wasm-bindgen-test-runner, Node)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
NODE_OPTIONS="--require $ROOT/tests/sim/preload.cjs" \
  cargo test -p mpkit-wasm --target wasm32-unknown-unknown --test sim

echo "== the example mini program in stand-ins for WeChat, Douyin and Alipay"
bash hosts/wasm/glue/build-miniprogram.sh --workers examples/miniprogram/workers examples/miniprogram/wasm
node --test tests/sim/glue.test.cjs tests/sim/miniprogram.test.cjs
