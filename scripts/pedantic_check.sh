#!/usr/bin/env bash
# The golden expansions (tests/expanded/, what `mpkit expand` prints for
# every bundled schema) compiled as plain code under clippy::pedantic with
# -D warnings: code mpkit writes must pass it. `doc_markdown` is allowed,
# since it judges the schemas' own prose, not code.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
target=${CARGO_TARGET_DIR:-$repo/target}
work=$target/pedantic-check
rm -rf "$work"
mkdir -p "$work/src"
cp Cargo.lock "$work/"
cat >"$work/Cargo.toml" <<TOML
[package]
name = "mpkit-pedantic-check"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
mpkit = { path = "$repo", features = ["crypto"] }

[workspace]
TOML
{
  echo '//! The golden expansions, compiled as plain code under `clippy::pedantic`.'
  echo '#![deny(warnings, missing_docs, clippy::pedantic)]'
  echo '#![allow(clippy::doc_markdown)] // the schemas'"'"' own prose'
  n=0
  for file in tests/expanded/*/*.rs; do
    n=$((n + 1))
    echo "/// \`$file\`"
    echo "pub mod expansion_$n { include!(\"$repo/$file\"); }"
  done
} >"$work/src/lib.rs"
CARGO_TARGET_DIR=$target cargo clippy --quiet --manifest-path "$work/Cargo.toml" -- -D warnings
echo "pedantic-check: every golden expansion passes clippy::pedantic"
