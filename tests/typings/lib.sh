# shellcheck shell=bash
# Shell functions of the drift check, sourced by scripts/tsc-check.sh and
# scripts/drift.sh from the repository root. See tests/typings/README.md.

# The mpkit CLI: $MPKIT if set, else through cargo (built by `cargo test`).
drift_mpkit() {
  if [ -n "${MPKIT:-}" ]; then
    "$MPKIT" "$@"
  else
    cargo run --quiet -p mpkit-cli -- "$@"
  fi
}

# The platforms of platforms.txt in project $1 that have official typings,
# one `platform package` a line.
drift_platforms() {
  grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$1/platforms.txt" | awk '$2 != "-"'
}

# The platforms platforms.txt lists with `-`: no official typings on npm,
# so nothing to compare; one platform a line.
drift_untyped() {
  grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$1/platforms.txt" | awk '$2 == "-" { print $1 }'
}

# Installs the pinned packages into $1/node_modules with npm ci.
drift_install() {
  if ! command -v npm >/dev/null 2>&1; then
    echo "error: the drift check needs node and npm (https://nodejs.org)" >&2
    return 1
  fi
  (cd "$1" && npm ci --no-audit --no-fund --loglevel=error)
}

# Writes one assertion file per schema under schemas/<platform>/ into
# $1/generated/<platform>/<name>.ts; fails on a platform platforms.txt lacks.
drift_generate() {
  local project=$1 platform package dir missing=0
  rm -rf "$project/generated"
  for dir in schemas/*/; do
    platform=$(basename "$dir")
    if drift_untyped "$project" | grep -qx "$platform"; then
      echo "note: schemas/$platform/ is not compared: its platform has no official typings on npm ($project/platforms.txt)"
    elif ! drift_platforms "$project" | grep -q "^${platform}[[:space:]]"; then
      echo "error: schemas/$platform/ has no line in $project/platforms.txt (its typings package)" >&2
      missing=1
    elif [ ! -f "$project/tsconfig.$platform.json" ]; then
      echo "error: schemas/$platform/ has no $project/tsconfig.$platform.json" >&2
      missing=1
    fi
  done
  [ "$missing" = 0 ] || return 1
  while read -r platform package; do
    [ -d "schemas/$platform" ] || continue
    drift_mpkit typescript --assertions --typings-package "$package" \
      --out-dir "$project/generated" "schemas/$platform"
  done < <(drift_platforms "$project")
}

# The API names of the assertion files in directory $1, on one line.
drift_names() {
  local file names=()
  for file in "$1"/*.ts; do
    names+=("$(basename "$file" .ts)")
  done
  echo "${names[*]}"
}

# Compiles the assertion files of project $1 with tsc, one project per
# platform; prints each failing assertion (API, member, why). Returns 1 if
# any fails. The TypeScript compiler is always the pinned one of tests/typings.
drift_compile() {
  local project=$1 platform package output status=0
  while read -r platform package; do
    [ -d "$project/generated/$platform" ] || continue
    if output=$(node tests/typings/node_modules/typescript/bin/tsc -p "$project/tsconfig.$platform.json" 2>&1); then
      echo "ok   $platform: $(drift_names "$project/generated/$platform") agree with $package"
    else
      printf '%s\n' "$output" | node tests/typings/tools.mjs explain
      if ! printf '%s\n' "$output" | grep -q 'error TS'; then
        printf '%s\n' "$output"
      fi
      status=1
    fi
  done < <(drift_platforms "$project")
  return $status
}
