package dev.preflight.graph.io.debian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.InputException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class DebianArchTest {

  /** Rows produced by {@code dpkg-architecture -a HOST -i PATTERN} of dpkg 1.21.22 (bookworm). */
  @ParameterizedTest(name = "{0} is {1}: {2}")
  @CsvSource({
    "amd64, any, true",
    "amd64, amd64, true",
    "amd64, linux-any, true",
    "amd64, any-amd64, true",
    "amd64, any-i386, false",
    "amd64, linux-amd64, true",
    "amd64, gnu-any-any, true",
    "amd64, any-linux-any, true",
    "amd64, gnu-linux-any, true",
    "amd64, x32, false",
    "amd64, i386, false",
    "amd64, hurd-any, false",
    "amd64, kfreebsd-any, false",
    "amd64, arm64, false",
    "amd64, any-arm, false",
    "amd64, linux-arm64, false",
    "amd64, base-gnu-linux-amd64, false",
    "amd64, musl-linux-any, false",
    "amd64, foo, false",
    "amd64, armhf, false",
    "i386, linux-any, true",
    "i386, any-amd64, false",
    "i386, any-i386, true",
    "i386, linux-amd64, false",
    "i386, gnu-any-any, true",
    "i386, hurd-any, false",
    "i386, kfreebsd-any, false",
    "i386, any-arm, false",
    "i386, linux-arm64, false",
    "i386, musl-linux-any, false",
    "arm64, linux-any, true",
    "arm64, any-amd64, false",
    "arm64, any-i386, false",
    "arm64, linux-amd64, false",
    "arm64, gnu-any-any, true",
    "arm64, hurd-any, false",
    "arm64, kfreebsd-any, false",
    "arm64, any-arm, false",
    "arm64, linux-arm64, true",
    "arm64, musl-linux-any, false",
    "x32, linux-any, true",
    "x32, any-amd64, true",
    "x32, any-i386, false",
    "x32, linux-amd64, false",
    "x32, gnu-any-any, true",
    "x32, hurd-any, false",
    "x32, kfreebsd-any, false",
    "x32, any-arm, false",
    "x32, linux-arm64, false",
    "x32, musl-linux-any, false",
    "hurd-amd64, linux-any, false",
    "hurd-amd64, any-amd64, true",
    "hurd-amd64, any-i386, false",
    "hurd-amd64, linux-amd64, false",
    "hurd-amd64, gnu-any-any, true",
    "hurd-amd64, hurd-any, true",
    "hurd-amd64, kfreebsd-any, false",
    "hurd-amd64, any-arm, false",
    "hurd-amd64, linux-arm64, false",
    "hurd-amd64, musl-linux-any, false",
    "kfreebsd-amd64, linux-any, false",
    "kfreebsd-amd64, any-amd64, true",
    "kfreebsd-amd64, any-i386, false",
    "kfreebsd-amd64, linux-amd64, false",
    "kfreebsd-amd64, gnu-any-any, true",
    "kfreebsd-amd64, hurd-any, false",
    "kfreebsd-amd64, kfreebsd-any, true",
    "kfreebsd-amd64, any-arm, false",
    "kfreebsd-amd64, linux-arm64, false",
    "kfreebsd-amd64, musl-linux-any, false",
    "armhf, linux-any, true",
    "armhf, any-amd64, false",
    "armhf, any-i386, false",
    "armhf, linux-amd64, false",
    "armhf, gnu-any-any, true",
    "armhf, hurd-any, false",
    "armhf, kfreebsd-any, false",
    "armhf, any-arm, true",
    "armhf, linux-arm64, false",
    "armhf, musl-linux-any, false",
    "musl-linux-amd64, linux-any, true",
    "musl-linux-amd64, any-amd64, true",
    "musl-linux-amd64, any-i386, false",
    "musl-linux-amd64, linux-amd64, false",
    "musl-linux-amd64, gnu-any-any, false",
    "musl-linux-amd64, hurd-any, false",
    "musl-linux-amd64, kfreebsd-any, false",
    "musl-linux-amd64, any-arm, false",
    "musl-linux-amd64, linux-arm64, false",
    "musl-linux-amd64, musl-linux-any, true",
  })
  void is_matchesDpkgArchitecture(String host, String pattern, boolean expected) {
    assertEquals(expected, DebianArch.of(host).is(pattern), host + " is " + pattern);
  }

  @Test
  void of_knowsTheTupleOfEveryKindOfName() {
    assertEquals(new DebianArch("amd64", "base", "gnu", "linux", "amd64"), DebianArch.of("amd64"));
    assertEquals(new DebianArch("x32", "x32", "gnu", "linux", "amd64"), DebianArch.of("x32"));
    assertEquals(new DebianArch("armhf", "eabihf", "gnu", "linux", "arm"), DebianArch.of("armhf"));
    assertEquals(
        new DebianArch("hurd-i386", "base", "gnu", "hurd", "i386"), DebianArch.of("hurd-i386"));
    assertEquals(
        new DebianArch("mips64el", "abi64", "gnu", "linux", "mips64el"), DebianArch.of("mips64el"));
    assertEquals("amd64", DebianArch.of(" AMD64 ").name());
  }

  @Test
  void of_unknownName_failsNamingTheReleaseArchitectures() {
    InputException e = assertThrows(InputException.class, () -> DebianArch.of("amd46"));
    assertTrue(e.getMessage().contains("unknown Debian architecture 'amd46'"), e.getMessage());
    assertTrue(e.getMessage().contains("arm64"), e.getMessage());
    assertThrows(InputException.class, () -> DebianArch.of("linux-any"));
  }

  @Test
  void isConcerned_positiveNegatedAndMixedLists_asDpkg() {
    DebianArch amd64 = DebianArch.AMD64;
    assertTrue(amd64.isConcerned(List.of()));
    assertTrue(amd64.isConcerned(List.of("linux-any")));
    assertTrue(amd64.isConcerned(List.of("i386", "amd64")));
    assertTrue(amd64.isConcerned(List.of("any-i386", "any-amd64")));
    assertFalse(amd64.isConcerned(List.of("i386", "arm64")));
    assertFalse(amd64.isConcerned(List.of("kfreebsd-any")));
    assertTrue(amd64.isConcerned(List.of("!hurd-i386")));
    assertTrue(amd64.isConcerned(List.of("!hurd-any", "!kfreebsd-any")));
    assertFalse(amd64.isConcerned(List.of("!amd64", "!i386", "!x32")));
    assertFalse(amd64.isConcerned(List.of("!linux-any")));
    assertFalse(amd64.isConcerned(List.of("!gnu-any-any")));
    assertTrue(amd64.isConcerned(List.of("!any-i386")));
    assertFalse(amd64.isConcerned(List.of("foo")));
    assertTrue(amd64.isConcerned(List.of("!foo")));
    // Mixed lists (forbidden by Policy) are evaluated in order, as dpkg does.
    assertTrue(amd64.isConcerned(List.of("amd64", "!amd64")));
    assertFalse(amd64.isConcerned(List.of("!amd64", "amd64")));
    assertTrue(amd64.isConcerned(List.of("!i386", "arm64")));
    assertTrue(amd64.isConcerned(List.of("AMD64")));
  }

  @Test
  void system_isArchDashLinuxForLinuxNames() {
    assertEquals("amd64-linux", DebianArch.AMD64.system());
    assertEquals("arm64-linux", DebianArch.of("arm64").system());
    assertEquals("x32-linux", DebianArch.of("x32").system());
    assertEquals("amd64-hurd", DebianArch.of("hurd-amd64").system());
    assertEquals("i386-kfreebsd", DebianArch.of("kfreebsd-i386").system());
    assertEquals("amd64-linux-musl", DebianArch.of("musl-linux-amd64").system());
  }
}
