package dev.preflight.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.NodeRecord;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.PackageGraphBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A history id names a node by drv path, job with system, name@system, or a bare name. */
final class HistoryBindTest {
  private static final String CURL_LINUX = "/nix/store/0c5rb2wzjxlzc9b57yjmzcwfyvpnhmhl-curl.drv";
  private static final String CURL_DARWIN = "/nix/store/1ij2prr6bz9blpvk8hr3m3ypwqgrfwaz-curl.drv";
  private static final String STDENV = "/nix/store/2ck3m7x4dvlbaq04w1mzri2f7jnqxjfk-stdenv.drv";

  private static PackageGraph nix() {
    PackageGraphBuilder b = PackageGraph.builder();
    b.addNode(NodeRecord.of(CURL_LINUX, "curl", "x86_64-linux"));
    b.addNode(NodeRecord.of(CURL_DARWIN, "curl", "aarch64-darwin"));
    b.addNode(NodeRecord.of(STDENV, "stdenv-linux", "x86_64-linux").withAliases(List.of("stdenv")));
    return b.build();
  }

  private static History history(String... ids) {
    Map<String, List<History.Entry>> m = new LinkedHashMap<>();
    long t = 0;
    for (String id : ids) {
      m.put(id, List.of(new History.Entry(10, BuildResult.SUCCESS, t++)));
    }
    return History.of("h.csv", m);
  }

  @Test
  void bind_debianNameArch_andPlainNameOnOneArchitecture() {
    PackageGraphBuilder b = PackageGraph.builder();
    b.addNode(NodeRecord.of("openssl@amd64-linux", "openssl", "amd64-linux"));
    b.addNode(NodeRecord.of("openssl@arm64-linux", "openssl", "arm64-linux"));
    PackageGraph two = b.build();
    int[] k = history("openssl:arm64", "openssl:amd64").bind(two);
    assertEquals(1, k[0], "openssl:amd64");
    assertEquals(0, k[1], "openssl:arm64");
    assertEquals(-1, history("openssl").bind(two)[0], "a plain name is ambiguous on two arches");
    PackageGraphBuilder one = PackageGraph.builder();
    one.addNode(NodeRecord.of("openssl@amd64-linux", "openssl", "amd64-linux"));
    assertEquals(0, history("openssl").bind(one.build())[0], "one architecture: the plain name");
  }

  @Test
  void bind_everyIdForm() {
    PackageGraph g = nix();
    History h =
        history(CURL_LINUX, "curl@aarch64-darwin", "stdenv.x86_64-linux", "nope.x86_64-linux");
    int[] k = h.bind(g);
    assertEquals(0, k[0], "drv path");
    assertEquals(1, k[1], "name@system");
    assertEquals(2, k[2], "alias with system, as Hydra names the job");
    assertEquals(1, h.unmatchedIds(g));
    String hint = h.unmatchedHint(g);
    assertTrue(hint.startsWith("1 of 4 history ids match no node (first: 'nope.x86_64-linux')"));
    assertTrue(hint.contains("'curl.x86_64-linux' or 'curl@x86_64-linux'"), hint);
  }

  @Test
  void bind_jobWithSystem_andBareNameOnlyOnOneSystem() {
    PackageGraph g = nix();
    History h = history("curl.aarch64-darwin", "curl");
    int[] k = h.bind(g);
    assertEquals(-1, k[0]);
    assertEquals(0, k[1]);
    assertEquals(1, h.unmatchedIds(g), "a bare name is ambiguous on two systems");

    PackageGraphBuilder b = PackageGraph.builder();
    b.addNode(NodeRecord.of("a", "curl", "x86_64-linux"));
    PackageGraph one = b.build();
    assertEquals(0, history("curl").bind(one)[0]);
    assertNull(history("curl").unmatchedHint(one));
  }

  @Test
  void bind_alternateDrvPath_andFirstIdWins() {
    PackageGraph g = nix();
    HistoryFile.Rows rows = new HistoryFile.Rows();
    rows.add("renamed-job.x86_64-linux", CURL_LINUX, 5, BuildResult.FAILED, 1);
    rows.add("curl.x86_64-linux", null, 7, BuildResult.SUCCESS, 2);
    History h = rows.build("hydra.json");
    assertEquals(0, h.bind(g)[0], "the first id naming the node wins");
    assertEquals(0, h.unmatchedIds(g));
  }
}
