#!/usr/bin/env bash
# Installs everything Shopdesk needs to build, run and test, from Debian 12 packages only.
# Idempotent: packages already present are left alone; safe to run on every build.
set -euo pipefail

packages=(
    build-essential cmake ninja-build ccache pkg-config git clang-format
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libqt6sql6-psql
    qt6-charts-dev qt6-websockets-dev qt6-httpserver-dev qt6-qpa-plugins
    libqt6opengl6-dev libgl-dev libxkbcommon-dev
    libpqxx-dev libpq-dev nlohmann-json3-dev libsqlite3-dev libicu-dev libxml2-dev libcsv-dev
    libpoppler-cpp-dev libminizip-dev libhnswlib-dev liblinear-dev
    postgresql postgresql-client
    xvfb xauth fonts-dejavu-core fonts-noto-color-emoji openssl wrk
    python3-pattern
    libsodium-dev qtkeychain-qt6-dev libcairo2-dev
    libtesseract-dev tesseract-ocr-eng tesseract-ocr-hin fonts-lohit-deva
    gnome-keyring dbus-daemon
)

# npm is test tooling only (the twilio interop test); keep an existing Node.js install.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages present"
    exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
