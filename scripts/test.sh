#!/usr/bin/env bash
# Quick start, command 2: installs the dependencies, builds everything and runs the whole test
# suite. ctest starts and stops its own throwaway PostgreSQL server (scripts/pg-test-server.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build
cd build
ctest -j2 --output-on-failure --timeout 900
