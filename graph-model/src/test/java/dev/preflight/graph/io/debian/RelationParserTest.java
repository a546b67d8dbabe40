package dev.preflight.graph.io.debian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

final class RelationParserTest {

  private static Relation single(String text) {
    List<List<Relation>> clauses = RelationParser.parse(text);
    assertEquals(1, clauses.size(), text);
    assertEquals(1, clauses.get(0).size(), text);
    return clauses.get(0).get(0);
  }

  @Test
  void plainNames_commaSeparatedClauses() {
    List<List<Relation>> c = RelationParser.parse("debhelper-compat (= 13), help2man, g++");
    assertEquals(3, c.size());
    assertEquals("debhelper-compat", c.get(0).get(0).name());
    assertEquals("help2man", c.get(1).get(0).name());
    assertEquals("g++", c.get(2).get(0).name());
    assertEquals(List.of(), RelationParser.parse(""));
    assertEquals(List.of(), RelationParser.parse(" \n "));
  }

  @Test
  void alternatives_splitOnBarWithEveryAlternativeKept() {
    List<List<Relation>> c =
        RelationParser.parse("gfortran | fortran95-compiler, libfoo-dev|libbar-dev | libbaz");
    assertEquals(List.of("gfortran", "fortran95-compiler"), names(c.get(0)));
    assertEquals(List.of("libfoo-dev", "libbar-dev", "libbaz"), names(c.get(1)));
  }

  @Test
  void versionConstraints_anySpacingAndEveryOperator() {
    for (String text :
        List.of("foo (>= 1.2)", "foo(>=1.2)", "foo ( >= 1.2 )", "foo\n (>=\t1.2 )")) {
      Relation r = single(text);
      assertEquals("foo", r.name(), text);
      assertEquals(VersionConstraint.Operator.LATER_OR_EQUAL, r.version().operator(), text);
      assertEquals("1.2", r.version().version(), text);
    }
    assertEquals(VersionConstraint.Operator.EARLIER, single("a (<< 2:9)").version().operator());
    assertEquals("2:9", single("a (<< 2:9)").version().version());
    assertEquals(VersionConstraint.Operator.LATER, single("a (>> 1)").version().operator());
    assertEquals(VersionConstraint.Operator.EQUAL, single("a (= 1.0-1)").version().operator());
    assertEquals(
        VersionConstraint.Operator.EARLIER_OR_EQUAL, single("a (<= 1)").version().operator());
    // Deprecated forms, read as dpkg reads them.
    assertEquals(
        VersionConstraint.Operator.EARLIER_OR_EQUAL, single("a (< 1)").version().operator());
    assertEquals(VersionConstraint.Operator.LATER_OR_EQUAL, single("a (> 1)").version().operator());
  }

  @Test
  void architectureRestrictions_keptAsWrittenIncludingNegationsAndWildcards() {
    Relation r = single("libnl-3-dev [linux-any]");
    assertEquals(List.of("linux-any"), r.architectures());
    Relation n = single("binutils-x86-64-linux-gnu [ !amd64  !i386 !x32 ]");
    assertEquals(List.of("!amd64", "!i386", "!x32"), n.architectures());
    Relation w = single("nasm (>= 2.13) [any-i386 any-amd64]");
    assertEquals(List.of("any-i386", "any-amd64"), w.architectures());
    assertEquals("2.13", w.version().version());
    assertTrue(w.appliesTo(DebianArch.AMD64, BuildProfiles.NONE));
    assertTrue(!n.appliesTo(DebianArch.AMD64, BuildProfiles.NONE));
    assertTrue(n.appliesTo(DebianArch.of("arm64"), BuildProfiles.NONE));
  }

  @Test
  void buildProfiles_groupsOfTerms() {
    Relation r = single("nodejs <!nodoc> <!nocheck>");
    assertEquals(List.of(List.of("!nodoc"), List.of("!nocheck")), r.profiles());
    Relation g = single("linux-libc-dev [linux-any] <cross !pkg.linux.nokernel !stage1>");
    assertEquals(List.of(List.of("cross", "!pkg.linux.nokernel", "!stage1")), g.profiles());
    assertEquals(List.of("linux-any"), g.architectures());
    Relation v = single("python3-pytest (<< 0.11) <!nocheck>");
    assertEquals("0.11", v.version().version());
    assertEquals(List.of(List.of("!nocheck")), v.profiles());
    assertTrue(!g.appliesTo(DebianArch.AMD64, BuildProfiles.NONE));
    assertTrue(g.appliesTo(DebianArch.AMD64, BuildProfiles.of(List.of("cross"))));
    assertTrue(!g.appliesTo(DebianArch.of("hurd-i386"), BuildProfiles.of(List.of("cross"))));
  }

  @Test
  void qualifiers_anyNativeAndArchitectureNames() {
    Relation any = single("perl:any (>= 5.10.1)");
    assertEquals("perl", any.name());
    assertEquals("any", any.archQualifier());
    assertEquals("native", single("erlang-base:native <cross>").archQualifier());
    assertEquals("i386", single("libc6-dev:i386 [amd64]").archQualifier());
    assertNull(single("perl").archQualifier());
  }

  @Test
  void toString_normalizesSpacing() {
    assertEquals(
        "foo:any (>= 1.2) [linux-any !hurd-i386] <!nocheck> <stage1 cross>",
        single("foo:any( >=1.2 )[linux-any  !hurd-i386]<!nocheck><stage1 cross>").toString());
  }

  @Test
  void trailingComma_isIgnoredLikeDpkg() {
    assertEquals(2, RelationParser.parse("a, b,").size());
    assertEquals(2, RelationParser.parse("a, b, \n ,").size());
  }

  @Test
  void syntaxErrors_sayWhatAndWhere() {
    assertError("a, , b", 2, "empty relation between commas");
    assertError(", a", 0, "empty relation between commas");
    assertError("a | | b", 3, "empty alternative");
    assertError("a |", 3, "empty alternative");
    assertError("foo (>= )", 8, "expected a version after '>='");
    assertError("foo (1.0)", 5, "expected a version relation");
    assertError("foo (=> 1.0)", 5, "expected a version relation");
    assertError("foo (>= 1.0", 4, "unclosed '('");
    assertError("foo [amd64", 4, "unclosed '['");
    assertError("foo []", 4, "empty architecture list");
    assertError("foo [am_d64]", 4, "'am_d64' is not a legal architecture");
    assertError("foo <>", 4, "empty build profile restriction");
    assertError("foo <!nocheck", 4, "unclosed '<'");
    assertError("foo bar", 4, "unexpected 'b'");
    assertError("foo <!nocheck> [amd64]", 15, "unexpected '['");
    assertError("${misc:Depends}", 0, "expected a package name");
    assertError("foo:", 4, "expected an architecture qualifier");
    assertError("foo :any", 4, "unexpected ':'");
  }

  private static void assertError(String text, int offset, String message) {
    RelationParser.SyntaxException e =
        assertThrows(RelationParser.SyntaxException.class, () -> RelationParser.parse(text), text);
    assertTrue(e.getMessage().contains(message), text + ": " + e.getMessage());
    assertEquals(offset, e.offset(), text + ": " + e.getMessage());
  }

  private static List<String> names(List<Relation> alternatives) {
    return alternatives.stream().map(Relation::name).toList();
  }
}
