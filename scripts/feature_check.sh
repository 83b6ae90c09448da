#!/usr/bin/env bash
# A user's crate with mpkit's default features (no `crypto`), with the
# `crypto` feature, and with default features off (no `error-paths`, as a
# small WebAssembly client builds it): each derives an API that has credentials and must build
# without a warning. The workspace's own tests always have `crypto` on (its
# dev-dependencies enable it), so only a crate outside the workspace shows
# that the default build compiles, and that `verify` / `decrypt` exist only
# with the feature.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}/feature-check"

check() { # name features expect-decrypt
  local dir="$work/$1"
  mkdir -p "$dir/src"
  printf '[package]\nname = "%s"\nversion = "0.0.0"\nedition = "2024"\n[dependencies]\nmpkit = { path = "%s"%s }\n[workspace]\n' \
    "$1" "$root" "$2" > "$dir/Cargo.toml"
  {
    echo '#![deny(warnings, missing_docs)]'
    echo '//! A user crate.'
    echo '/// wx.getUserInfo.'
    echo '#[derive(mpkit::MiniProgramApi)]'
    echo '#[mini_program(api = "wechat/getUserInfo", min_version = "2.10.4")]'
    echo 'pub struct WxGetUserInfo;'
    if [ "$3" = yes ]; then
      echo '/// Uses the crypto methods.'
      echo 'pub fn open(reply: &WxGetUserInfoSuccess, key: &mpkit::crypto::SessionKey) -> bool {'
      echo '    reply.verify(key).is_ok() && reply.decrypt(key, "wx1").is_ok()'
      echo '}'
    fi
  } > "$dir/src/lib.rs"
  (cd "$dir" && cargo check -q)
  echo "ok: $1"
}

check default-features "" no
check crypto-feature ', features = ["crypto"]' yes
# A WebAssembly client's smallest build: no JSON paths in decode errors.
check no-error-paths ', default-features = false' no

# Without the feature, the methods must not exist (and nothing else breaks).
dir="$work/no-methods"
mkdir -p "$dir/src"
printf '[package]\nname = "no-methods"\nversion = "0.0.0"\nedition = "2024"\n[dependencies]\nmpkit = { path = "%s" }\n[workspace]\n' "$root" > "$dir/Cargo.toml"
cat > "$dir/src/lib.rs" <<'RUST'
#[derive(mpkit::MiniProgramApi)]
#[mini_program(api = "wechat/getUserInfo", min_version = "2.10.4")]
pub struct WxGetUserInfo;
pub fn open(reply: &WxGetUserInfoSuccess) { let _ = reply.decrypt(); }
RUST
if (cd "$dir" && cargo check -q 2> "$work/err"); then
  echo "error: decrypt exists without the crypto feature" >&2
  exit 1
fi
grep -q "no method named \`decrypt\` found" "$work/err" || { cat "$work/err" >&2; exit 1; }
echo "ok: no crypto methods without the feature"
