#!/usr/bin/env bash
# Fuzzes one parser for a while with Jazzer (issue 17): scripts/fuzz.sh TARGET SECONDS
#   TARGET: a @FuzzTest method of GraphParsersFuzzTest (graph-model) or SimulatorParsersFuzzTest
#   (simulator), e.g. tsvGraph, controlStanzas, clusterYaml, settings. SECONDS: default 300.
# A crash is written as crash-<sha1> into the target's inputs folder under src/test/resources,
# where ./mvnw verify replays it from then on: fix the parser, then commit the file. The growing
# corpus stays in <module>/.cifuzz-corpus/ (not committed; Jazzer's regression mode replays it
# too, so delete it while a finding is unfixed).
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:?usage: scripts/fuzz.sh TARGET [SECONDS]}"
seconds="${2:-300}"
if grep -q "void $target(" graph-model/src/test/java/dev/preflight/graph/fuzz/GraphParsersFuzzTest.java; then
  module=graph-model class=dev.preflight.graph.fuzz.GraphParsersFuzzTest
elif grep -q "void $target(" simulator/src/test/java/dev/preflight/fuzz/SimulatorParsersFuzzTest.java; then
  module=simulator class=dev.preflight.fuzz.SimulatorParsersFuzzTest
else
  echo "fuzz.sh: unknown target '$target'" >&2
  exit 2
fi
JAZZER_FUZZ=1 JAZZER_MAX_DURATION="${seconds}s" ./mvnw -B -o -q -pl "$module" -am test \
  -Dtest="$class#$target" -Dsurefire.failIfNoSpecifiedTests=false -Dspotless.check.skip=true \
  -Djacoco.skip=true -Djazzer.max_duration="${seconds}s"
