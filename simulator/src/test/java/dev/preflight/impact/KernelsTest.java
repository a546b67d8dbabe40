package dev.preflight.impact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

final class KernelsTest {
  @Test
  void of_nixSystems_areTheirSuffix() {
    assertEquals("linux", Kernels.of("x86_64-linux"));
    assertEquals("linux", Kernels.of("aarch64-linux"));
    assertEquals("darwin", Kernels.of("aarch64-darwin"));
    assertEquals("freebsd", Kernels.of("x86_64-freebsd"));
  }

  @Test
  void of_debianArchitectures() {
    assertEquals("linux", Kernels.of("amd64"));
    assertEquals("linux", Kernels.of("arm64"));
    assertEquals("hurd", Kernels.of("hurd-i386"));
    assertEquals("kfreebsd", Kernels.of("kfreebsd-amd64"));
  }

  @Test
  void of_unknown_isItself() {
    assertEquals("linux", Kernels.of("x86_64-unknown-linux-gnu"));
    assertEquals("z80", Kernels.of("z80"));
    assertEquals("unknown", Kernels.of(""));
  }
}
