#!/usr/bin/env bash
# Quick start, command 1: installs the dependencies, builds the console and opens it on the
# embedded SQLite store (~/.local/share/shopdesk); the first start loads the demo store.
# Arguments are passed on (for example --database postgresql://... or --data-dir DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build --target shopdesk shopdesk-cli
exec build/app/shopdesk "$@"
