#!/usr/bin/env bash
# Renders a `preflight plan` HTML report in headless Chromium and takes a screenshot, to check that
# the self-contained page (inline SVG charts, no network) renders for a person.
# Usage: scripts/report-screenshot.sh [REPORT.html] [OUT.png]
# Needs Debian's chromium package (apt-get install chromium); installs it when run as root.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
report="${1:-$home/target/plan-report.html}"
png="${2:-$home/target/plan-report.png}"
mkdir -p "$(dirname "$report")" "$(dirname "$png")"
if [ ! -f "$report" ]; then
  "$home/preflight" plan --change zlib --policy direct --format html -o "$report"
fi
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "report-screenshot: chromium is not installed (apt-get install chromium)" >&2
    exit 2
  fi
fi
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --window-size=1200,2600 \
  --screenshot="$png" "file://$(realpath "$report")" 2>/dev/null
# The DOM after rendering: count the charts the browser actually laid out.
charts=$(chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
  --user-data-dir="$profile" --dump-dom "file://$(realpath "$report")" 2>/dev/null | grep -c '<svg' || true)
echo "report-screenshot: $png ($charts charts rendered)"
[ "$charts" -gt 0 ]
