#!/usr/bin/env bash
# Installs the pinned npm packages the interop tests use into DIR (a CTest fixture).
set -euo pipefail
dir="$1"
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$dir"
cp "$here/package.json" "$here/twilio-sign.js" "$dir/"
if [ -f "$dir/node_modules/twilio/package.json" ] &&
   grep -q '"version": "5.3.5"' "$dir/node_modules/twilio/package.json"; then
    exit 0
fi
command -v npm >/dev/null || { echo "npm is not installed (scripts/install-deps.sh installs it)" >&2; exit 1; }
cd "$dir"
npm install --no-audit --no-fund --loglevel=error
