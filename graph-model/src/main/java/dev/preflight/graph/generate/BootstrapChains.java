package dev.preflight.graph.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The per-kernel stdenv bootstrap chains (nixpkgs pkgs/stdenv/linux and pkgs/stdenv/darwin). */
final class BootstrapChains {
  private BootstrapChains() {}

  /** One bootstrap derivation: name, version, inputs (indexes in its chain), seconds. */
  record Boot(String name, String version, int[] inputs, double seconds) {}

  static final class Bootstrap {
    private static final String[] LINUX_TOOLS = {
      "bash:5.2p26",
      "coreutils:9.4",
      "gnumake:4.4.1",
      "gnused:4.9",
      "gnugrep:3.11",
      "gawk:5.2.2",
      "gnutar:1.35",
      "gzip:1.13",
      "bzip2:1.0.8",
      "xz:5.4.6",
      "gnupatch:2.7.6",
      "diffutils:3.10",
      "findutils:4.9.0",
      "file:5.45",
      "patchelf:0.15.0"
    };

    static List<Boot> of(String system) {
      return GeneratorSpec.isDarwin(system) ? darwin() : linux();
    }

    private static List<Boot> linux() {
      List<Boot> b = new ArrayList<>();
      int tools = add(b, "bootstrap-tools", "", 20);
      int s0 = add(b, "bootstrap-stage0-stdenv-linux", "", 5, tools);
      int binutils = add(b, "binutils", "2.41", 600, s0);
      int s1 = add(b, "bootstrap-stage1-stdenv-linux", "", 5, s0, binutils);
      int glibc = add(b, "glibc", "2.39-52", 1500, s1);
      int s2 = add(b, "bootstrap-stage2-stdenv-linux", "", 5, s1, glibc);
      int gcc = add(b, "gcc", "13.2.0", 9000, s2, glibc, binutils);
      int s3 = add(b, "bootstrap-stage3-stdenv-linux", "", 5, s2, gcc);
      int[] utils = tools(b, LINUX_TOOLS, s3);
      int s4 = add(b, "bootstrap-stage4-stdenv-linux", "", 5, concat(new int[] {s3}, utils));
      int wrapper = add(b, "gcc-wrapper", "13.2.0", 5, s4, gcc, glibc, binutils);
      add(b, "stdenv", "", 5, concat(new int[] {s4, wrapper}, utils));
      return b;
    }

    private static List<Boot> darwin() {
      List<Boot> b = new ArrayList<>();
      int tools = add(b, "bootstrap-tools", "", 20);
      int s0 = add(b, "bootstrap-stage0-stdenv-darwin", "", 5, tools);
      int sdk = add(b, "apple-sdk", "11.3", 30, s0);
      int cctools = add(b, "cctools", "1010.6", 300, s0);
      int ld64 = add(b, "ld64", "951.9", 300, s0);
      int s1 = add(b, "bootstrap-stage1-stdenv-darwin", "", 5, s0, sdk, cctools, ld64);
      int libcxx = add(b, "libcxx", "17.0.6", 900, s1);
      int rt = add(b, "compiler-rt", "17.0.6", 600, s1);
      int s2 = add(b, "bootstrap-stage2-stdenv-darwin", "", 5, s1, libcxx, rt);
      int clang = add(b, "clang-wrapper", "17.0.6", 10, s2, libcxx, rt, cctools, ld64, sdk);
      int s3 = add(b, "bootstrap-stage3-stdenv-darwin", "", 5, s2, clang);
      int[] utils = tools(b, Arrays.copyOf(LINUX_TOOLS, LINUX_TOOLS.length - 1), s3);
      int s4 = add(b, "bootstrap-stage4-stdenv-darwin", "", 5, concat(new int[] {s3}, utils));
      add(b, "stdenv", "", 5, concat(new int[] {s4, clang, sdk}, utils));
      return b;
    }

    private static int[] tools(List<Boot> b, String[] specs, int stage) {
      int[] out = new int[specs.length];
      for (int i = 0; i < specs.length; i++) {
        String[] nv = specs[i].split(":");
        out[i] = add(b, nv[0], nv[1], Double.NaN, stage);
      }
      return out;
    }

    private static int add(List<Boot> b, String name, String version, double s, int... inputs) {
      b.add(new Boot(name, version, inputs, s));
      return b.size() - 1;
    }

    private static int[] concat(int[] a, int[] c) {
      int[] out = Arrays.copyOf(a, a.length + c.length);
      System.arraycopy(c, 0, out, a.length, c.length);
      return out;
    }
  }

  // ---------------------------------------------------------------- one run

}
