#!/usr/bin/env bash
# Installs the npm packages validate.mjs needs (package-lock.json, exactly)
# into deploy/k8s/node_modules, once per lock file: a later run with the same
# lock touches no network. Fails, never skips, when npm cannot install them.
set -euo pipefail
cd "$(dirname "$0")"
stamp=node_modules/.yjinspect-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "deploy/k8s/node_modules: up to date with package-lock.json"
  exit 0
fi
if ! command -v npm >/dev/null; then
  echo "npm is missing: install the Debian packages of scripts/packages.txt" >&2
  exit 1
fi
npm ci --no-audit --no-fund --loglevel=error
echo "$want" > "$stamp"
echo "deploy/k8s/node_modules: installed from package-lock.json"
