#!/usr/bin/env bash
# Installs Debian's chromium and chromium-driver (the headless browser the HTML report's browser
# test and scripts/report-screenshot.sh use) when they are missing. Idempotent and quiet: nothing
# happens when /usr/bin/chromium and /usr/bin/chromedriver exist; `apt-get update` runs only when
# the package lists do not know the packages yet. Runs as root (CI containers) or through sudo.
# Usage: scripts/install-browser.sh
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
sudo=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo="sudo -n"
  else
    echo "install-browser: not root and no sudo: install chromium and chromium-driver" >&2
    exit 2
  fi
fi
export DEBIAN_FRONTEND=noninteractive
known() { [ -n "$(apt-cache policy "$1" 2>/dev/null | sed -n 's/^ *Candidate: //p' | grep -v '(none)')" ]; }
if ! known chromium || ! known chromium-driver; then
  $sudo apt-get update -qq >/dev/null
fi
$sudo apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
for f in /usr/bin/chromium /usr/bin/chromedriver; do
  if [ ! -x "$f" ]; then
    echo "install-browser: $f missing after apt-get install" >&2
    exit 1
  fi
done
echo "install-browser: $(/usr/bin/chromium --version 2>/dev/null | head -1)" >&2
