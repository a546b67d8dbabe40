package dev.preflight.impact;

import java.util.Locale;
import java.util.Set;

/**
 * The kernel of a system string, for the per-kernel counts and ofborg labels.
 *
 * <p>Nix systems are {@code cpu-kernel} ({@code x86_64-linux}, {@code aarch64-darwin}); nixpkgs'
 * own comparison groups by that suffix. Debian architectures are a bare CPU for Linux ({@code
 * amd64}, {@code arm64}) and {@code kernel-cpu} otherwise ({@code hurd-i386}, {@code
 * kfreebsd-amd64}). So: a known kernel among the dash-separated parts wins; a bare Debian Linux
 * architecture is {@code linux}; anything else is listed as itself ({@code unknown} when empty).
 */
public final class Kernels {
  public static final String LINUX = "linux";
  public static final String DARWIN = "darwin";

  private static final Set<String> KERNELS =
      Set.of(
          LINUX,
          DARWIN,
          "freebsd",
          "kfreebsd",
          "openbsd",
          "netbsd",
          "hurd",
          "windows",
          "cygwin",
          "illumos",
          "solaris",
          "redox",
          "wasi",
          "none");

  private static final Set<String> DEBIAN_LINUX_ARCHES =
      Set.of(
          "amd64",
          "arm64",
          "armel",
          "armhf",
          "i386",
          "mips64el",
          "mipsel",
          "ppc64el",
          "s390x",
          "riscv64",
          "loong64",
          "alpha",
          "hppa",
          "ia64",
          "m68k",
          "powerpc",
          "ppc64",
          "sh4",
          "sparc64",
          "x32");

  private Kernels() {}

  /** The kernel of {@code system}. */
  public static String of(String system) {
    if (system == null || system.isEmpty()) {
      return "unknown";
    }
    String s = system.toLowerCase(Locale.ROOT);
    String[] parts = s.split("-");
    // Nix puts the kernel last, Debian first; a GNU triple puts it in the middle.
    for (int i = parts.length - 1; i >= 0; i--) {
      if (KERNELS.contains(parts[i])) {
        return parts[i];
      }
    }
    if (DEBIAN_LINUX_ARCHES.contains(s)) {
      return LINUX;
    }
    return system;
  }
}
