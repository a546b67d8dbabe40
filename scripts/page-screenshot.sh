#!/usr/bin/env bash
# Screenshot of the what-if page (`preflight serve`, page at /) for the docs: starts the server
# on a free loopback port with the bundled graph, opens a state URL in headless Chromium, checks
# that the page answered (its <body data-state> reaches "ready", no error box), writes the PNG,
# and stops the server it started.
# Usage: scripts/page-screenshot.sh [OUT.png] [QUERY]
#   OUT.png defaults to docs/serve-page.png,
#   QUERY to change=zlib&graph=default&builders=2&slots=2&deadline=12h (the page's own query string).
# Needs Debian's chromium (scripts/install-browser.sh installs it).
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
png="${1:-$home/docs/serve-page.png}"
query="${2:-change=zlib&graph=default&builders=2&slots=2&deadline=12h}"
mkdir -p "$(dirname "$png")"
if ! command -v chromium >/dev/null 2>&1; then
  echo "page-screenshot: chromium is not installed (scripts/install-browser.sh)" >&2
  exit 2
fi

work="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# A free port: the first of a few random ones nothing answers on.
port=""
for _ in 1 2 3 4 5 6 7 8 9 10; do
  p=$((20000 + RANDOM % 40000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    port=$p
    break
  fi
done
[ -n "$port" ] || { echo "page-screenshot: no free port found" >&2; exit 1; }

"$home/preflight" serve --host 127.0.0.1 --port "$port" >"$work/server.out" 2>"$work/server.err" &
server=$!
ready=0
for _ in $(seq 1 240); do
  if curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then
    ready=1
    break
  fi
  if ! kill -0 "$server" 2>/dev/null; then
    break
  fi
  sleep 0.5
done
if [ "$ready" != 1 ]; then
  echo "page-screenshot: the server did not become ready on port $port:" >&2
  tail -n 20 "$work/server.err" >&2
  exit 1
fi

url="http://127.0.0.1:$port/?$query"
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --hide-scrollbars --user-data-dir="$work/profile" --window-size=1280,1720
  --virtual-time-budget=20000)
dom=$(timeout 60 chromium "${flags[@]}" --dump-dom "$url" 2>/dev/null || true)
if ! printf '%s' "$dom" | grep -q 'data-state="ready"'; then
  state=$(printf '%s' "$dom" | sed -n 's/.*<body data-state="\([a-z]*\)".*/\1/p' | head -n 1)
  echo "page-screenshot: the page did not answer $url (state: ${state:-none})" >&2
  printf '%s' "$dom" | sed -n 's/.*<p class="error-title">\([^<]*\)<.*/\1/p' >&2
  exit 1
fi
rm -rf "$work/profile"
timeout 60 chromium "${flags[@]}" --screenshot="$png" "$url" >/dev/null 2>&1
echo "page-screenshot: $png ($url)"
