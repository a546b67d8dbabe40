#!/usr/bin/env bash
# Lists main-source classes that share a simple name across modules (issue 15: "no two classes
# share a name"); package-info.java files are exempt. Exit 1 when any pair exists.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dupes="$(find ./*/src/main/java -name '*.java' ! -name package-info.java -printf '%f\n' \
  | sort | uniq -d)"
if [ -n "$dupes" ]; then
  for f in $dupes; do find ./*/src/main/java -name "$f"; done
  exit 1
fi
echo "no two main classes share a simple name"
