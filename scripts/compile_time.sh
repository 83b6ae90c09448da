#!/usr/bin/env bash
# Compile-time cost of #[derive(MiniProgramApi)] against hand-written serde
# structs of the same content.
#
# 1. The fixed cost a user pays once: a crate with one derive, built from an
#    empty target directory, against the hand-written crate built the same
#    way: CPU seconds (user + system, all jobs) and the packages compiled,
#    with mpkit's default features and with its `crypto` feature (a server's
#    build), mpkit built as cargo builds a crates.io dependency (not
#    incrementally), and once more as a path dependency. COLD=0 skips it.
# 2. For each N (default 1 10 100): two scratch crates with N API modules
#    each, dependencies built once, then incremental rebuilds of the crate
#    itself timed (median of RUNS, default 3).
#
# usage: scripts/compile_time.sh [N ...]        (debug profile; PROFILE=release for release)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
counts=("${@:-1 10 100}")
read -r -a counts <<< "${counts[*]}"
runs=${RUNS:-3}
profile=${PROFILE:-dev}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CARGO_TARGET_DIR="$work/target"

apis=("wechat/getUserInfo" "wechat/getUserProfile" "douyin/getUserInfo" "douyin/getUserProfile" "mpserverless/user.getInfo")

hand_module() {
  # The types a developer writes by hand for one getUserInfo-like API:
  # options with an enum, the success payload, the user info, the encrypted payload.
  cat <<'RUST'
    use serde::{Deserialize, Serialize};
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum Lang { #[serde(rename = "en")] En, #[serde(rename = "zh_CN")] ZhCn, #[serde(rename = "zh_TW")] ZhTw }
    #[derive(Debug, Clone, Default, PartialEq, Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Options {
        #[serde(skip_serializing_if = "Option::is_none")] pub with_credentials: Option<bool>,
        #[serde(skip_serializing_if = "Option::is_none")] pub lang: Option<Lang>,
    }
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct UserInfo {
        pub nick_name: String, pub avatar_url: String, pub gender: Option<serde_json::Value>,
        pub country: Option<String>, pub province: Option<String>, pub city: Option<String>, pub language: Option<String>,
        #[serde(flatten)] pub extra: serde_json::Map<String, serde_json::Value>,
    }
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Success {
        pub user_info: UserInfo, pub raw_data: String, pub signature: Option<String>,
        pub encrypted_data: Option<String>, pub iv: Option<String>,
        #[serde(rename = "cloudID")] pub cloud_id: Option<String>, pub err_msg: String,
        #[serde(flatten)] pub extra: serde_json::Map<String, serde_json::Value>,
    }
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    pub struct Watermark { pub appid: String, pub timestamp: i64 }
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Encrypted {
        pub open_id: String, pub union_id: Option<String>, pub nick_name: Option<String>, pub watermark: Watermark,
        #[serde(flatten)] pub extra: serde_json::Map<String, serde_json::Value>,
    }
RUST
}

# A user gets mpkit from crates.io, and cargo never builds a registry
# dependency incrementally; a path dependency it does, which costs a cold
# build more. The scratch crates reach mpkit by path, so they turn
# incremental builds off for mpkit's own packages, as a registry would
# (`derive-path` keeps cargo's path-dependency default, for comparison).
registry_like='[profile.dev.package.mpkit]\nincremental = false\n[profile.dev.package.mpkit-runtime]\nincremental = false\n[profile.dev.package.mpkit-codegen]\nincremental = false\n[profile.dev.package.mpkit-derive]\nincremental = false\n'

make_crate() { # kind n  (kind: derive, derive-path, derive-crypto or hand)
  local kind=$1 n=$2 dir="$work/$1-$2"
  mkdir -p "$dir/src"
  if [ "$kind" = derive ]; then
    printf '[package]\nname = "scratch-%s-%s"\nversion = "0.0.0"\nedition = "2024"\n[dependencies]\nmpkit = { path = "%s" }\n[workspace]\n'"$registry_like" "$kind" "$n" "$root" > "$dir/Cargo.toml"
  elif [ "$kind" = derive-path ]; then
    printf '[package]\nname = "scratch-%s-%s"\nversion = "0.0.0"\nedition = "2024"\n[dependencies]\nmpkit = { path = "%s" }\n[workspace]\n' "$kind" "$n" "$root" > "$dir/Cargo.toml"
  elif [ "$kind" = derive-crypto ]; then
    printf '[package]\nname = "scratch-%s-%s"\nversion = "0.0.0"\nedition = "2024"\n[dependencies]\nmpkit = { path = "%s", features = ["crypto"] }\n[workspace]\n'"$registry_like" "$kind" "$n" "$root" > "$dir/Cargo.toml"
  else
    printf '[package]\nname = "scratch-%s-%s"\nversion = "0.0.0"\nedition = "2024"\n[dependencies]\nserde = { version = "1", features = ["derive"] }\nserde_json = "1"\n[workspace]\n' "$kind" "$n" > "$dir/Cargo.toml"
  fi
  : > "$dir/src/lib.rs"
  for ((i = 0; i < n; i++)); do
    {
      echo "pub mod m$i {"
      if [ "$kind" != hand ]; then
        echo "    #[derive(mpkit::MiniProgramApi)]"
        echo "    #[mini_program(api = \"${apis[i % ${#apis[@]}]}\", min_version = \"2.10.4\")]"
        echo "    pub struct Api;"
      else
        hand_module
      fi
      echo "}"
    } >> "$dir/src/lib.rs"
  done
  echo "$dir"
}

seconds() { # dir -> median seconds of incremental rebuilds
  local dir=$1 times=()
  # The first build compiles the dependencies; it must succeed, or every
  # timing below would measure a failing no-op.
  (cd "$dir" && cargo build -q --profile "$profile" >&2)
  for ((r = 0; r < runs; r++)); do
    touch "$dir/src/lib.rs"
    local start end
    start=$(date +%s.%N)
    (cd "$dir" && cargo build -q --profile "$profile" >&2)
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc)")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}

cold() { # dir -> "packages cpu-seconds" of a build from an empty target directory
  local dir=$1 log
  log=$(mktemp)
  local TIMEFORMAT='%U %S'
  local cpu
  cpu=$( { time (cd "$dir" && CARGO_TARGET_DIR="$dir/cold-target" cargo build --profile "$profile" 2> "$log") ; } 2>&1 )
  local packages
  packages=$(grep -c '^ *Compiling ' "$log" || true)
  rm -f "$log"
  echo "$packages $(echo "$cpu" | awk '{print $1 + $2}')"
}

if [ "${COLD:-1}" != 0 ]; then
  read -r hp hc <<< "$(cold "$(make_crate hand 1)")"
  read -r dp dc <<< "$(cold "$(make_crate derive 1)")"
  read -r pp pc <<< "$(cold "$(make_crate derive-path 1)")"
  read -r cp cc <<< "$(cold "$(make_crate derive-crypto 1)")"
  echo "| one API, cold | packages | CPU (s) | ratio |"
  echo "|---|---:|---:|---:|"
  printf '| derive (default features) | %s | %.1f | %.2fx |\n' "$dp" "$dc" "$(echo "$dc / $hc" | bc -l)"
  printf '| derive, `crypto` feature | %s | %.1f | %.2fx |\n' "$cp" "$cc" "$(echo "$cc / $hc" | bc -l)"
  printf '| derive, mpkit as a path dependency (incremental) | %s | %.1f | %.2fx |\n' "$pp" "$pc" "$(echo "$pc / $hc" | bc -l)"
  printf '| hand-written serde | %s | %.1f | 1.00x |\n\n' "$hp" "$hc"
fi

echo "| N | derive (s) | hand-written (s) | ratio |"
echo "|---:|---:|---:|---:|"
for n in "${counts[@]}"; do
  d=$(seconds "$(make_crate derive "$n")")
  h=$(seconds "$(make_crate hand "$n")")
  printf '| %s | %.2f | %.2f | %.2fx |\n' "$n" "$d" "$h" "$(echo "$d / $h" | bc -l)"
done
