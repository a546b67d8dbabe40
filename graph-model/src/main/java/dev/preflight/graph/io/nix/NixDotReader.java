package dev.preflight.graph.io.nix;

import dev.preflight.graph.InputException;
import dev.preflight.graph.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Reads the DOT graph that {@code nix-store --query --graph PATH} prints. Nix writes (see {@code
 * src/nix-store/dotgraph.cc}) one node statement per store path and one edge per reference:
 *
 * <pre>
 * digraph G {
 * "<hash>-curl-8.5.0.drv" [label = "curl-8.5.0.drv", shape = box, style = filled, fillcolor = "#ff0000"];
 * "<hash>-openssl-3.0.13.drv" -> "<hash>-curl-8.5.0.drv" [color = "black"];
 * }
 * </pre>
 *
 * <p><b>Direction.</b> Nix draws each edge from the <em>reference</em> to the <em>referrer</em>
 * ({@code makeEdge(reference, path)}): above, curl needs openssl. Preflight's edge {@code a -> b}
 * means "a needs b", so by default ({@link DotEdges#REFERENCE_TO_REFERRER}) a DOT edge {@code x ->
 * y} becomes {@code y -> x}. Files written by other tools that draw dependent → dependency are read
 * with {@link DotEdges#DEPENDENT_TO_DEPENDENCY}.
 *
 * <p><b>Which nodes.</b> The closure of a {@code .drv} also holds input sources (patches, builder
 * scripts, {@code -source} trees) that are not builds. When the graph names at least one {@code
 * .drv} path, only {@code .drv} nodes are kept and the others are counted ({@code
 * nonDerivationPathsSkipped}); a graph without any {@code .drv} (the runtime closure of an output
 * path) keeps every path. Ids are full store paths ({@code /nix/store/} is put in front of the base
 * names newer Nix prints); names and versions come from the store name as {@code
 * builtins.parseDrvName} splits it. DOT carries no platform: every node gets the {@code system} the
 * caller names (empty if none).
 */
final class NixDotReader {

  private NixDotReader() {}

  static NixFile read(Path file, String system, DotEdges direction, Progress progress) {
    DotParser.Graph g;
    try (InputStream in = NixInput.open(file, progress)) {
      g = new DotParser(new DotLexer(new InputStreamReader(in, StandardCharsets.UTF_8))).parse();
    } catch (InputException e) {
      throw e.inFile(file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    progress.done();

    int n = g.ids().size();
    boolean derivationMode = false;
    for (String id : g.ids()) {
      if (StorePaths.isDerivation(id)) {
        derivationMode = true;
        break;
      }
    }
    boolean[] keep = new boolean[n];
    int skipped = 0;
    for (int v = 0; v < n; v++) {
      keep[v] = !derivationMode || StorePaths.isDerivation(g.ids().get(v));
      if (!keep[v]) {
        skipped++;
      }
    }
    String[] fullIds = new String[n];
    for (int v = 0; v < n; v++) {
      fullIds[v] = StorePaths.normalize(g.ids().get(v), null);
    }
    List<LinkedHashSet<String>> inputs = new ArrayList<>(n);
    for (int v = 0; v < n; v++) {
      inputs.add(new LinkedHashSet<>());
    }
    int[] from = g.edgeFrom();
    int[] to = g.edgeTo();
    int dropped = 0;
    for (int e = 0; e < from.length; e++) {
      int dependent = direction == DotEdges.REFERENCE_TO_REFERRER ? to[e] : from[e];
      int dependency = direction == DotEdges.REFERENCE_TO_REFERRER ? from[e] : to[e];
      if (!keep[dependent] || !keep[dependency]) {
        dropped++;
        continue;
      }
      inputs.get(dependent).add(fullIds[dependency]);
    }
    List<NixDerivation> out = new ArrayList<>(n - skipped);
    for (int v = 0; v < n; v++) {
      if (!keep[v]) {
        continue;
      }
      String raw = g.ids().get(v);
      if (fullIds[v].isEmpty()) {
        // Found by fuzzing: "" -> "b" made NixDerivation throw IllegalArgumentException (exit 3).
        throw new dev.preflight.graph.InputException(
            file.toString(), g.wheres().get(v), "a node has an empty id (\"\")");
      }
      String label = g.labels().get(v);
      String name;
      String version;
      if (StorePaths.hasHashPrefix(raw.substring(raw.lastIndexOf('/') + 1))) {
        String[] parsed = StorePaths.parseDrvName(StorePaths.storeName(raw));
        name = parsed[0];
        version = parsed[1];
      } else {
        name = label != null && !label.isEmpty() ? label : raw;
        version = "";
      }
      out.add(
          new NixDerivation(
              fullIds[v],
              name,
              version,
              system,
              new ArrayList<>(inputs.get(v)),
              List.of(),
              g.wheres().get(v)));
    }
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("nodes", Integer.toString(out.size()));
    facts.put("edgeDirection", direction.name().toLowerCase(java.util.Locale.ROOT));
    facts.put("nonDerivationPathsSkipped", Integer.toString(skipped));
    facts.put("edgesToSkippedPaths", Integer.toString(dropped));
    return new NixFile(file.toString(), "dot", out, facts, List.of());
  }
}
