#!/usr/bin/env bash
# Installs the npm packages a folder's package-lock.json names (exactly) into
# that folder's node_modules, once per lock file: a later run with the same
# lock touches no network. Fails, never skips, when npm cannot install them.
#
#   scripts/lib/install-node-modules.sh deploy/k8s
#   scripts/lib/install-node-modules.sh proto/buf
set -euo pipefail
if [ $# -ne 1 ] || [ ! -f "$1/package-lock.json" ]; then
  echo "usage: $0 FOLDER (a folder with a package-lock.json)" >&2
  exit 2
fi
cd "$1"
stamp=node_modules/.yjinspect-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "$1/node_modules: up to date with package-lock.json"
  exit 0
fi
if ! command -v npm >/dev/null; then
  echo "npm is missing: install the Debian packages of scripts/packages.txt" >&2
  exit 1
fi
npm ci --no-audit --no-fund --loglevel=error
echo "$want" > "$stamp"
echo "$1/node_modules: installed from package-lock.json"
