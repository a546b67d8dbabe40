package dev.preflight.graph.io.debian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class DebianVersionTest {

  /** Expected signs produced by {@code dpkg --compare-versions} 1.21.22 (Debian bookworm). */
  @ParameterizedTest(name = "{0} vs {1} = {2}")
  @CsvSource({
    "1.0, 1.0, 0",
    "1.0, 1.0-0, 0",
    "1.0, 1.0.0, -1",
    "1.0~rc1, 1.0, -1",
    "1.0~rc1, 1.0~, 1",
    "1.0~, 1.0, -1",
    "1.0~~, 1.0~, -1",
    "1.0~~a, 1.0~~, 1",
    "1.0a, 1.0, 1",
    "1.0+b1, 1.0, 1",
    "1.0-1, 1.0-1+b1, -1",
    "1.0-1, 1.0-1~bpo1, 1",
    "1.0-1~deb12u1, 1.0-1, -1",
    "1:0.1, 2.0, 1",
    "0:2.0, 2.0, 0",
    "2.0-1, 2.0-1.1, -1",
    "5.2.1-2, 5.2.1-2+deb12u1, -1",
    "115.15.0esr-1~deb12u1, 140.12.0esr-1~deb12u1, -1",
    "1.9.4-2, 1.9.4-4, -1",
    "11.3.0-8, 11.3.0-12, -1",
    "1.10, 1.9, 1",
    "1.01, 1.1, 0",
    "1.001, 1.1, 0",
    "1.0a, 1.0b, -1",
    "1.0A, 1.0a, -1",
    "1.0., 1.0+, 1",
    "a, 1, 1",
    "1.0-a, 1.0-1, 1",
    "2:1.0, 10:0.1, -1",
    "1.2-3-4, 1.2-3, 1",
    "1.2.3, 1.2-3, 1",
    "0.0~git20220510.9886d3d, 0.0~git20220510.9886d3e, -1",
    "3.0-1, 3.0-1+deb12u1~1, -1",
    "1.0-0, 1.0, 0",
    "1.0-00, 1.0-0, 0",
    "6.1.176+1, 6.1.170+3, 1",
    "1:115.16.0esr-1~deb12u1, 1:128.0esr-1~deb12u1, -1",
  })
  void compare_matchesDpkg(String a, String b, int expected) {
    assertEquals(expected, Integer.signum(DebianVersion.compare(a, b)), a + " vs " + b);
    assertEquals(-expected, Integer.signum(DebianVersion.compare(b, a)), b + " vs " + a);
  }

  @Test
  void parse_splitsEpochUpstreamAndRevisionAtTheRightColonAndHyphen() {
    DebianVersion v = DebianVersion.parse(" 2:1.2-3-4 ");
    assertEquals(2, v.epoch());
    assertEquals("1.2-3", v.upstream());
    assertEquals("4", v.revision());
    assertEquals("2:1.2-3-4", v.toString());
    DebianVersion n = DebianVersion.parse("1:2.0:1");
    assertEquals(1, n.epoch());
    assertEquals("2.0:1", n.upstream());
    assertEquals("", DebianVersion.parse("2.10").revision());
  }

  @Test
  void parse_rejectsWhatDpkgRejects() {
    for (String bad : List.of("", "  ", "1.0-", "a:1.0", ":1.0", "1.0 2", "-1", "99999999999:1")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> DebianVersion.parse(bad), bad);
      assertTrue(e.getMessage().contains("version"), e.getMessage());
    }
  }

  /**
   * Versions in ascending dpkg order, each pair of neighbours checked with {@code dpkg
   * --compare-versions A lt B} (dpkg 1.21.22): tildes first, the revision before anything after the
   * upstream's end, letters before other punctuation, numeric digit runs, epochs over everything.
   * Note {@code 1.0-1 < 1.0+b1}: the revision only counts after the upstream versions tie.
   */
  private static final List<String> DPKG_ASCENDING =
      List.of(
          "1.0~~",
          "1.0~~a",
          "1.0~",
          "1.0~rc1",
          "1.0",
          "1.0-1~bpo1",
          "1.0-1",
          "1.0-1+b1",
          "1.0-1.1",
          "1.0-2",
          "1.0A",
          "1.0a",
          "1.0b",
          "1.0+b1",
          "1.0.0",
          "1.1",
          "1.9",
          "1.10",
          "2.0~rc1",
          "2.0",
          "2.0-0.1",
          "1:0.9",
          "1:1.0~",
          "1:1.0",
          "2:0.1");

  @Test
  void compare_knownDpkgChain_sortsInDpkgOrder() {
    List<String> shuffled = new ArrayList<>(DPKG_ASCENDING);
    java.util.Collections.shuffle(shuffled, new java.util.Random(7));
    assertNotEquals(DPKG_ASCENDING, shuffled, "the shuffle moved something");
    List<String> sorted =
        shuffled.stream().map(DebianVersion::parse).sorted().map(DebianVersion::toString).toList();
    assertEquals(DPKG_ASCENDING, sorted);
  }

  @Test
  void compare_isATotalOrderOnRandomVersions() {
    SplittableRandom random = new SplittableRandom(42);
    String alphabet = "0123456789.+~-ab";
    List<DebianVersion> versions = new ArrayList<>();
    // The dpkg chain among the random versions: a consistent but wrong comparator (plain string
    // order, '~' as an ordinary character, epochs ignored) is a total order too, and fails here.
    DPKG_ASCENDING.forEach(v -> versions.add(DebianVersion.parse(v)));
    int rejected = 0;
    while (versions.size() < 100 + DPKG_ASCENDING.size()) {
      StringBuilder sb = new StringBuilder();
      if (random.nextInt(4) == 0) {
        sb.append(random.nextInt(3)).append(':');
      }
      sb.append(random.nextInt(10));
      int len = random.nextInt(7);
      for (int i = 0; i < len; i++) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      try {
        versions.add(DebianVersion.parse(sb.toString()));
      } catch (IllegalArgumentException e) {
        rejected++; // e.g. a trailing hyphen: not a version, skip it
      }
    }
    int less = 0;
    int equal = 0;
    int transitive = 0;
    for (DebianVersion a : versions) {
      assertEquals(0, a.compareTo(a));
      for (DebianVersion b : versions) {
        int ab = Integer.signum(a.compareTo(b));
        assertEquals(-ab, Integer.signum(b.compareTo(a)), a + " vs " + b);
        less += ab < 0 ? 1 : 0;
        equal += ab == 0 && a != b ? 1 : 0;
        for (DebianVersion c : versions) {
          if (ab <= 0 && b.compareTo(c) <= 0) {
            assertTrue(a.compareTo(c) <= 0, a + " <= " + b + " <= " + c);
            transitive++;
          }
        }
      }
    }
    // The checks above ran over a mix of orders, not a degenerate set.
    assertTrue(
        rejected > 0 && less > 1_000 && equal > 0 && transitive > 100_000,
        "rejected "
            + rejected
            + ", less "
            + less
            + ", equal "
            + equal
            + ", transitive "
            + transitive);
    List<DebianVersion> sorted = new ArrayList<>(versions);
    java.util.Collections.sort(sorted);
    List<String> chainAsSorted =
        sorted.stream().map(DebianVersion::toString).filter(DPKG_ASCENDING::contains).toList();
    assertEquals(DPKG_ASCENDING, chainAsSorted.stream().distinct().toList());
  }

  @Test
  void versionConstraint_satisfiedByUsesDpkgOrder() {
    DebianVersion v = DebianVersion.parse("1:1.16.5-1.3");
    assertTrue(
        new VersionConstraint(VersionConstraint.Operator.LATER_OR_EQUAL, "1:1.14.1-3")
            .satisfiedBy(v));
    assertTrue(!new VersionConstraint(VersionConstraint.Operator.EARLIER, "1.17").satisfiedBy(v));
    assertTrue(new VersionConstraint(VersionConstraint.Operator.LATER, "1.17").satisfiedBy(v));
    assertTrue(
        new VersionConstraint(VersionConstraint.Operator.EQUAL, "1:1.16.5-1.3").satisfiedBy(v));
    assertTrue(
        new VersionConstraint(VersionConstraint.Operator.EARLIER_OR_EQUAL, "1:1.16.5-1.3")
            .satisfiedBy(v));
  }
}
