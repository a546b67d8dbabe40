package dev.preflight.graph.io.nix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.graph.testing.Graphs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property test: seeded random graphs rendered in each Nix format (as Nix prints it) and read back
 * give the original edges; the oracle is the generating graph itself.
 */
final class NixRoundTripTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String ALPHABET = "0123456789abcdfghijklmnpqrsvwxyz";

  @TempDir Path dir;

  private static String base(int v) {
    StringBuilder h = new StringBuilder();
    long x = 0x9E3779B97F4A7C15L * (v + 1);
    for (int i = 0; i < 32; i++) {
      h.append(ALPHABET.charAt((int) ((x >>> (i % 12) * 5) & 31) ^ (i % 7)));
    }
    return h + "-pkg" + v + "-1." + v + ".drv";
  }

  /** The original edges as "dependentPath -> inputPath". */
  private static TreeSet<String> expected(PackageGraph g) {
    TreeSet<String> s = new TreeSet<>();
    for (int v = 0; v < g.nodeCount(); v++) {
      for (int w : g.inputsOf(v)) {
        s.add("/nix/store/" + base(v) + " -> /nix/store/" + base(w));
      }
    }
    return s;
  }

  private Path derivations(PackageGraph g, int shape) throws IOException {
    ObjectNode map = MAPPER.createObjectNode();
    for (int v = 0; v < g.nodeCount(); v++) {
      ObjectNode d = MAPPER.createObjectNode();
      ObjectNode inputs = MAPPER.createObjectNode();
      for (int w : g.inputsOf(v)) {
        String key = shape == 2 ? base(w) : "/nix/store/" + base(w);
        if (shape == 0) {
          inputs.set(key, MAPPER.createArrayNode().add("out"));
        } else {
          ObjectNode o = MAPPER.createObjectNode();
          o.set("dynamicOutputs", MAPPER.createObjectNode());
          o.set("outputs", MAPPER.createArrayNode().add("out"));
          inputs.set(key, o);
        }
      }
      d.put(shape == 0 ? "platform" : "system", "x86_64-linux");
      d.set("env", MAPPER.createObjectNode().put("pname", "pkg" + v));
      if (shape == 2) {
        ObjectNode in = MAPPER.createObjectNode();
        in.set("drvs", inputs);
        in.set("srcs", MAPPER.createArrayNode());
        d.set("inputs", in);
        d.put("version", 4);
      } else {
        d.set("inputDrvs", inputs);
        d.set("inputSrcs", MAPPER.createArrayNode());
      }
      map.set(shape == 2 ? base(v) : "/nix/store/" + base(v), d);
    }
    Object doc = map;
    if (shape == 2) {
      ObjectNode wrapper = MAPPER.createObjectNode();
      wrapper.set("derivations", map);
      wrapper.put("version", 4);
      doc = wrapper;
    }
    Path f = dir.resolve("d" + shape + ".drv.json");
    MAPPER.writerWithDefaultPrettyPrinter().writeValue(f.toFile(), doc);
    return f;
  }

  private Path dot(PackageGraph g) throws IOException {
    StringBuilder sb = new StringBuilder("digraph G {\n");
    for (int v = g.nodeCount() - 1; v >= 0; v--) {
      sb.append('"').append(base(v)).append("\" [label = \"").append(base(v).substring(33));
      sb.append("\", shape = box, style = filled, fillcolor = \"#ff0000\"];\n");
      for (int w : g.inputsOf(v)) {
        sb.append('"').append(base(w)).append("\" -> \"").append(base(v));
        sb.append("\" [color = \"black\"];\n");
      }
    }
    Path f = dir.resolve("g.dot");
    Files.writeString(f, sb.append("}\n").toString());
    return f;
  }

  private Path evalJobs(PackageGraph g) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int v = 0; v < g.nodeCount(); v++) {
      ObjectNode j = MAPPER.createObjectNode();
      j.put("attr", "pkg" + v);
      j.set("attrPath", MAPPER.createArrayNode().add("pkg" + v));
      j.put("drvPath", "/nix/store/" + base(v));
      ObjectNode inputs = MAPPER.createObjectNode();
      for (int w : g.inputsOf(v)) {
        ArrayNode outs = MAPPER.createArrayNode().add("out");
        inputs.set("/nix/store/" + base(w), outs);
      }
      j.set("inputDrvs", inputs);
      j.put("name", "pkg" + v + "-1." + v);
      j.put("system", "x86_64-linux");
      sb.append(MAPPER.writeValueAsString(j)).append('\n');
    }
    Path f = dir.resolve("j.jsonl");
    Files.writeString(f, sb.toString());
    return f;
  }

  @Test
  void everyFormat_randomGraphs_roundTripTheirEdges() throws IOException {
    for (long seed = 1; seed <= 12; seed++) {
      PackageGraph g = Graphs.random(80, 2.5, false, seed);
      TreeSet<String> want = expected(g);
      for (int shape = 0; shape < 3; shape++) {
        PackageGraph read = NixImport.readDerivations(derivations(g, shape), Progress.NONE);
        assertEquals(want, NixFixtures.edges(read, null), "seed " + seed + " shape " + shape);
        assertEquals(g.nodeCount(), read.nodeCount());
        assertEquals("pkg7", read.name(read.indexOfId("/nix/store/" + base(7))));
      }
      PackageGraph fromDot = NixImport.create().dot(dot(g)).run(Progress.NONE).graph();
      // DOT only knows nodes that appear: every node has a node statement here.
      assertEquals(want, NixFixtures.edges(fromDot, null), "seed " + seed + " dot");
      PackageGraph fromJobs = NixImport.readEvalJobs(evalJobs(g), Progress.NONE);
      assertEquals(want, NixFixtures.edges(fromJobs, null), "seed " + seed + " eval-jobs");
      assertEquals("1.7", fromJobs.version(fromJobs.indexOfId("/nix/store/" + base(7))));
    }
  }
}
