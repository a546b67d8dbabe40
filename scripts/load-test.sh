#!/usr/bin/env bash
# Load test of `preflight serve` on loopback (issue 16, Speed), bounded in count and time (about
# three minutes). Starts its own server on the bundled graph, measures, stops it, prints a summary
# (also written to server/target/load-test.txt).
#
#   scripts/load-test.sh [PORT]          # default port 18090
#
# What it measures, and with what:
#  1. GET /v1/impact?change=zlib latency at a constant 500 requests/s for 15 s, answers from the
#     cache and computed (Cache-Control: no-cache): scripts/LoadTest.java,
#     an open-loop client that measures each latency from the request's scheduled time (wrk2's
#     correction of coordinated omission; Debian has wrk but not wrk2, and plain wrk is closed-loop).
#  2. Throughput, closed loop with wrk (Debian package, installed here with apt-get when missing):
#     GET /v1/labels?change=zlib, and the floor of a round trip: a static file (/index.html) from the
#     same server, so the ratio is the cost of the answer itself, not of HTTP or Jetty. The server's
#     CPU time per request (from /proc) is the number that holds on a busy machine: two idle cores
#     give about 2,000,000 / (us per request) requests/s, less what the client itself takes.
#  3. 100 reloads (POST /v1/graphs/default/reload) while LoadTest.java sends 100 requests/s of
#     /v1/impact: every request must succeed; resident memory (VmRSS) is sampled every 10 reloads.
# Resident memory is read from /proc/PID/status. The machine's load (uptime) is printed before and
# after: a 2-core machine shared with builds gives numbers that only bound the real ones.
#
# JAVA_OPTS: passed to the server (the launcher's serve defaults: -XX:+UseSerialGC -Xmx128m
# -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30, MALLOC_ARENA_MAX=2).
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${1:-18090}"
base="http://127.0.0.1:$port"
out="$home/server/target/load-test.txt"
mkdir -p "$home/server/target"

if ! command -v wrk >/dev/null; then
  echo "load-test: installing wrk (Debian package)" >&2
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk; }
  else
    sudo apt-get install -y -qq wrk
  fi
fi

# Build first (the launcher rebuilds a stale jar), so the server's start is not the build.
"$home/preflight" --version >/dev/null

log="$(mktemp)"
"$home/preflight" serve --port "$port" --watch 0 2>"$log" >/dev/null &
pid=$!
trap 'kill -TERM $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 240); do
  curl -sf "$base/readyz" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -sf "$base/readyz" >/dev/null || { echo "load-test: server did not become ready" >&2; cat "$log" >&2; exit 1; }
jpid="$(pgrep -P "$pid" java || echo "$pid")"
rss() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$jpid/status"; }
hwm() { awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$jpid/status"; }

{
  echo "# preflight serve load test, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "machine: $(nproc) cores; JAVA_OPTS=${JAVA_OPTS:-} (launcher: -XX:+UseSerialGC -Xmx128m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30; MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}); java: $(java -version 2>&1 | head -n 1)"
  echo "load before: $(uptime | sed 's/.*load average/load average/')"
  echo "rss after start: $(rss) MB"

  # Warm-up: the JIT compiles the hot paths (not measured).
  NO_CACHE=1 java "$home/scripts/LoadTest.java" "$base/v1/impact?change=zlib" 200 10 >/dev/null || true
  wrk -t1 -c8 -d5s "$base/v1/labels?change=zlib" >/dev/null
  wrk -t1 -c8 -d3s "$base/index.html" >/dev/null
  echo "rss after warm-up: $(rss) MB"

  echo "## 1. GET /v1/impact?change=zlib at 500 requests/s, 15 s each (latency from the scheduled time)"
  printf "cached answers:   "
  java "$home/scripts/LoadTest.java" "$base/v1/impact?change=zlib" 500 15 || echo "(some requests failed)"
  printf "computed (no-cache): "
  NO_CACHE=1 java "$home/scripts/LoadTest.java" "$base/v1/impact?change=zlib" 500 15 \
    || echo "(some requests failed)"

  echo "## 2. throughput, wrk -t2 -c16 -d10s; server CPU per request from /proc/PID/stat"
  tck="$(getconf CLK_TCK)"
  cpu() { awk '{print $14 + $15}' "/proc/$jpid/stat"; }
  for spec in "/v1/labels?change=zlib|" "/v1/labels?change=zlib|no-cache" "/index.html|" \
    "/v1/impact?change=zlib|no-cache"; do
    path="${spec%|*}"
    nc="${spec#*|}"
    hdr=()
    [ -n "$nc" ] && hdr=(-H "Cache-Control: no-cache")
    c0="$(cpu)"
    r="$(wrk -t2 -c16 -d10s --latency "${hdr[@]}" "$base$path")"
    c1="$(cpu)"
    n="$(echo "$r" | awk '/requests in/ {print $1}')"
    rps="$(echo "$r" | awk '/Requests\/sec/ {print $2}')"
    p50="$(echo "$r" | awk '$1 == "50%" {print $2}')"
    p99="$(echo "$r" | awk '$1 == "99%" {print $2}')"
    errs="$(echo "$r" | awk '/Non-2xx|Socket errors/' | tr '\n' ' ')"
    us="$(awk -v c="$((c1 - c0))" -v t="$tck" -v n="$n" 'BEGIN {printf "%.0f", c / t / n * 1e6}')"
    echo "$path ${nc:+($nc)}: ${rps} req/s (p50 $p50, p99 $p99), server CPU ${us} us/request ${errs:-no errors}"
  done

  echo "## 3. 100 reloads under 100 requests/s of /v1/impact?change=zlib"
  rm -f "$log.stop"
  NO_CACHE=1 java "$home/scripts/LoadTest.java" "$base/v1/impact?change=zlib" 100 600 "$log.stop" \
    > "$log.load" &
  load=$!
  sleep 1
  printf "rss before reloads: %s MB\n" "$(rss)"
  failed=0
  for i in $(seq 1 100); do
    code="$(curl -s -o /dev/null -w '%{http_code}' -X POST "$base/v1/graphs/default/reload")"
    [ "$code" = 200 ] || failed=$((failed + 1))
    if [ $((i % 10)) = 0 ]; then printf "after %3d reloads: rss %s MB\n" "$i" "$(rss)"; fi
  done
  echo "reloads that failed: $failed"
  touch "$log.stop"
  wait $load && status=0 || status=$?
  echo "requests during the reloads: $(cat "$log.load")"
  rm -f "$log.load" "$log.stop"
  echo "rss at the end: $(rss) MB (peak $(hwm) MB)"
  echo "load after: $(uptime | sed 's/.*load average/load average/')"
} | tee "$out"
echo "load-test: summary in $out" >&2
