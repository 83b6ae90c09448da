#!/usr/bin/env bash
# The official JSON Schema Test Suite (draft 2020-12) through mpkit's loader
# and derive; writes docs/json-schema-suite.md. With CI=true (or --check) it
# fails when the committed table is not what this run measured.
#
# The suite comes from the `jsonschema` 4.23.0 source distribution on PyPI
# (pinned by hash), cached outside the repository in
# ${MPKIT_CACHE:-~/.cache/mpkit}; it is never committed.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

version=4.23.0
sha256=d71497fef26351a33265337fa77ffeb82423f3ea21283cd9467bb03999266bc4
cache=${MPKIT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mpkit}/jsonschema-$version
suite=$cache/json/tests/draft2020-12

if [ ! -d "$suite" ]; then
  download=$(mktemp -d)
  trap 'rm -rf "$download"' EXIT
  python3 -m pip download --quiet --no-deps --no-binary :all: "jsonschema==$version" -d "$download"
  archive=$download/jsonschema-$version.tar.gz
  echo "$sha256  $archive" | sha256sum --check --quiet
  mkdir -p "$cache"
  tar -xzf "$archive" -C "$cache" --strip-components=1 "jsonschema-$version/json/tests/draft2020-12"
fi

target=${CARGO_TARGET_DIR:-$repo/target}
work=$target/json-schema-suite
rm -rf "$work/schemas"
mkdir -p "$work"

cargo run --quiet -p mpkit-json-schema-suite -- generate "$suite" "$work" "$repo"
# The generated crate shares the workspace's target directory, so mpkit and
# its dependencies are built once.
CARGO_TARGET_DIR=$target cargo run --quiet --manifest-path "$work/crate/Cargo.toml" -- \
  "$work/crate/cases.json" >"$work/results.jsonl"

check=()
if [ "${CI:-}" = true ] || [ "${1:-}" = --check ]; then
  check=(--check)
fi
cargo run --quiet -p mpkit-json-schema-suite -- report "$work" "$work/results.jsonl" \
  docs/json-schema-suite.md "${check[@]}"
