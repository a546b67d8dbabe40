package dev.preflight.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class NamesTest {
  private static final List<String> POLICIES = List.of("transitive", "direct", "local", "cutoff");

  @Test
  void closest_findsSlipsTranspositionsAndPrefixes() {
    assertEquals(Optional.of("transitive"), Names.closest("transitve", POLICIES));
    assertEquals(Optional.of("transitive"), Names.closest("transitiv", POLICIES));
    assertEquals(Optional.of("cutoff"), Names.closest("CUTOF", POLICIES));
    assertEquals(Optional.of("table"), Names.closest("tabel", List.of("table", "json", "csv")));
    assertEquals(Optional.of("json"), Names.closest("jsn", List.of("table", "json", "csv")));
    assertEquals(Optional.of("machines"), Names.closest("machine", List.of("json", "machines")));
    assertEquals(Optional.of("nix-dot"), Names.closest("dot", List.of("json", "nix-dot")));
  }

  @Test
  void closest_offersNothingForAnUnrelatedWord() {
    assertEquals(Optional.empty(), Names.closest("xml", List.of("table", "json", "csv", "html")));
    assertEquals(Optional.empty(), Names.closest("flink", List.of("spark", "local")));
    assertEquals(Optional.empty(), Names.closest("", POLICIES));
  }

  @Test
  void unknown_namesTheWordTheSuggestionAndEveryKnownName() {
    assertEquals(
        "unknown policy 'transitve': did you mean 'transitive'? (known: transitive, direct,"
            + " local, cutoff)",
        Names.unknown("policy", "transitve", POLICIES).getMessage());
    assertEquals(
        "unknown --engine 'flink' (known: spark, local)",
        Names.unknownMessage("--engine", "flink", List.of("spark", "local")));
  }

  @Test
  void distance_countsATranspositionAsOneEdit() {
    assertEquals(1, Names.distance("ab", "ba"));
    assertEquals(3, Names.distance("kitten", "sitting"));
    assertEquals(0, Names.distance("", ""));
  }

  @Test
  void distance_withABound_isMinusOneBeyondIt() {
    assertEquals(1, Names.distance("josn", "json", 1));
    assertEquals(-1, Names.distance("kitten", "sitting", 2));
    assertEquals(3, Names.distance("kitten", "sitting", 3));
  }

  /**
   * Differential test of issue 15 item 6: commons-text's distance (bounded and not) equals the
   * hand-written optimal string alignment matrix it replaced, and {@link Names#closest} picks what
   * the old unbounded search picked, on 20,000 seeded slips of real Debian and nixpkgs names.
   */
  @Test
  void differential_commonsTextAgreesWithTheOldMatrix() {
    List<String> known =
        List.of(
            "zlib",
            "zlib-ng",
            "openssl",
            "libssl3",
            "python3.11",
            "python3-defaults",
            "gcc-12",
            "gcc-13",
            "glibc",
            "systemd",
            "perl",
            "curl",
            "libcurl4",
            "bash",
            "coreutils",
            "table",
            "json",
            "csv",
            "html",
            "arrow",
            "parquet",
            "transitive",
            "direct",
            "local",
            "cutoff",
            "nix-dot",
            "nix-derivations",
            "debian",
            "tsv",
            "first",
            "all");
    java.util.SplittableRandom r = new java.util.SplittableRandom(20261206L);
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-.";
    for (int i = 0; i < 20_000; i++) {
      char[] w = known.get(r.nextInt(known.size())).toCharArray();
      StringBuilder sb = new StringBuilder(new String(w));
      for (int e = r.nextInt(4); e > 0; e--) {
        int p = r.nextInt(sb.length() + 1);
        switch (r.nextInt(4)) {
          case 0 -> sb.insert(p, alphabet.charAt(r.nextInt(alphabet.length())));
          case 1 -> {
            if (p < sb.length()) {
              sb.deleteCharAt(p);
            }
          }
          case 2 -> {
            if (p < sb.length()) {
              sb.setCharAt(p, alphabet.charAt(r.nextInt(alphabet.length())));
            }
          }
          default -> {
            if (p + 1 < sb.length()) {
              char t = sb.charAt(p);
              sb.setCharAt(p, sb.charAt(p + 1));
              sb.setCharAt(p + 1, t);
            }
          }
        }
      }
      String slip = sb.toString();
      String other = known.get(r.nextInt(known.size()));
      int expected = oldDistance(slip, other);
      assertEquals(expected, Names.distance(slip, other), slip + " / " + other);
      int bound = r.nextInt(6);
      assertEquals(
          expected <= bound ? expected : -1,
          Names.distance(slip, other, bound),
          slip + "/" + other);
      assertEquals(oldClosest(slip, known), Names.closest(slip, known), slip);
    }
  }

  /** Names.closest before commons-text: the unbounded matrix for every candidate. */
  private static Optional<String> oldClosest(String name, List<String> known) {
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    String n = name.strip().toLowerCase(java.util.Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      String kl = k.toLowerCase(java.util.Locale.ROOT);
      boolean prefix =
          n.length() >= 2 && (kl.startsWith(n) || n.startsWith(kl) || kl.endsWith("-" + n));
      int lengthGap = Math.abs(n.length() - kl.length());
      if (!prefix && lengthGap > Math.max(1, Math.max(n.length(), kl.length()) / 3)) {
        continue;
      }
      if (lengthGap >= bestDistance) {
        continue;
      }
      int d = oldDistance(n, kl);
      int limit = Math.max(1, Math.max(n.length(), kl.length()) / 3);
      if ((d <= limit || prefix) && d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The hand-written optimal string alignment matrix Names used before commons-text. */
  private static int oldDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[a.length()][b.length()];
  }
}
