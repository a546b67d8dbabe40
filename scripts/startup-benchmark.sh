#!/usr/bin/env bash
# End-to-end wall and CPU time of short Preflight commands, JVM start included (issue 4).
#
#   scripts/startup-benchmark.sh [RUNS]        (default 11 runs per row)
#
# Prints, per configuration, the minimum and median wall-clock and CPU (user+sys) seconds of
# `./preflight impact --change zlib` on the bundled Debian graph, output to /dev/null. The rows
# take the launcher's JVM flags apart: no archive, no C1-only, and the launcher as shipped. The
# machine's load average is printed first and last: numbers from a busy machine are not the
# machine's speed. Needs GNU time (/usr/bin/time).
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-11}"
cd "$home"
./preflight --version >/dev/null # build the jar and record the class-data archive if needed

measure() {
  local label="$1"
  shift
  local out
  out="$(mktemp)"
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %U %S" -a -o "$out" "$@" >/dev/null 2>/dev/null
  done
  local wall cpu
  wall=($(awk '{ print $1 }' "$out" | sort -n))
  cpu=($(awk '{ printf "%.2f\n", $2 + $3 }' "$out" | sort -n))
  local mid=$(((${#wall[@]} - 1) / 2))
  printf "%-40s wall min %5.2f s  median %5.2f s    cpu min %5.2f s  median %5.2f s\n" \
    "$label" "${wall[0]}" "${wall[$mid]}" "${cpu[0]}" "${cpu[$mid]}"
  rm -f "$out"
}

jar=cli/target/preflight.jar
jsa=cli/target/preflight.jsa
props=(-Dio.netty.tryReflectionSetAccessible=true -Dpreflight.home="$home")
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, $(java -version 2>&1 | head -1)"
measure "java -jar (no archive, tiered, G1)" java "${props[@]}" -jar "$jar" impact --change zlib
measure "java -jar + C1 only + SerialGC" java "${props[@]}" -XX:TieredStopAtLevel=1 \
  -XX:+UseSerialGC -jar "$jar" impact --change zlib
measure "java -jar + AppCDS archive" java "${props[@]}" -XX:SharedArchiveFile="$jsa" \
  -jar "$jar" impact --change zlib
measure "./preflight (AppCDS + C1 + SerialGC)" ./preflight impact --change zlib
measure "./preflight --version" ./preflight --version
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
