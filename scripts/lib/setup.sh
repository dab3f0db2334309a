# Shared by scripts/demo and scripts/test: installs missing Debian packages
# and builds. Sourced, not run.

YJ_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
YJ_BUILD="${YJ_BUILD:-$YJ_ROOT/build/release}"

yj_log() { printf '==> %s\n' "$*" >&2; }

# True when package $1 is installed, or an installed package provides it
# (a nodejs build that bundles npm provides npm, and conflicts with Debian's).
# The lists are read whole before matching: `grep -q` would stop reading at
# the first match, and under pipefail the writer's SIGPIPE would then count
# as "not installed", now and then.
yj_package_present() {
  local status provided
  status=$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)
  [[ "$status" == *"ok installed"* ]] && return 0
  provided=$(dpkg-query -W -f='${db:Status-Abbrev}|${Provides}\n' 2>/dev/null |
    awk -F'|' '/^ii/ {print $2}' | tr ',' '\n' | sed 's/(.*//; s/ //g' || true)
  grep -qx -- "$1" <<<"$provided"
}

# Installs the packages of scripts/packages.txt that are not installed yet;
# does nothing (and touches no network) when all are.
yj_ensure_packages() {
  local wanted missing=()
  wanted=$(grep -Ev '^\s*(#|$)' "$YJ_ROOT/scripts/packages.txt")
  for pkg in $wanted; do
    if ! yj_package_present "$pkg"; then
      missing+=("$pkg")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    yj_log "Debian packages: all present"
    return 0
  fi
  yj_log "installing Debian packages: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Configures (once) and builds the given targets, or everything, in Release.
yj_build() {
  if [ ! -f "$YJ_BUILD/CMakeCache.txt" ]; then
    yj_log "configuring $YJ_BUILD"
    cmake -S "$YJ_ROOT" -B "$YJ_BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
  fi
  local jobs
  jobs=$(nproc 2>/dev/null || echo 2)
  yj_log "building ${*:-everything} with $jobs jobs"
  if [ $# -gt 0 ]; then
    local targets=()
    for t in "$@"; do targets+=(--target "$t"); done
    cmake --build "$YJ_BUILD" -j "$jobs" "${targets[@]}"
  else
    cmake --build "$YJ_BUILD" -j "$jobs"
  fi
}
