#!/usr/bin/env bash
# Runs a command with a desktop keychain: inside `dbus-run-session`, an unlocked GNOME keyring
# (the Secret Service) of its own in a throwaway home, stopped afterwards. For tst_keychain.
set -uo pipefail
home="$(mktemp -d)"
export HOME="$home" XDG_RUNTIME_DIR="$home/run" XDG_DATA_HOME="$home/data"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
eval "$(printf 'shopdesk-test\n' | gnome-keyring-daemon --unlock --components=secrets)"
"$@"
rc=$?
[ -n "${GNOME_KEYRING_PID:-}" ] && kill "$GNOME_KEYRING_PID" 2>/dev/null
rm -rf "$home"
exit $rc
