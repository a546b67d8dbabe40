package dev.preflight.graph.generate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The named packages of the synthetic package set, read from {@code named-packages.txt} next to
 * this class (its header documents the format). Loaded once; immutable.
 */
final class NamedPackages {
  /** One named package. {@code inputs} are indexes into {@link #all()}. */
  record Named(
      String name,
      String version,
      PackagePool pool,
      int[] inputs,
      int weight,
      double seconds,
      List<String> aliases,
      boolean linuxOnly) {}

  private static final List<Named> ALL = load();

  private NamedPackages() {}

  static List<Named> all() {
    return ALL;
  }

  private static List<Named> load() {
    List<Named> out = new ArrayList<>();
    Map<String, Integer> index = new HashMap<>();
    try (InputStream in = NamedPackages.class.getResourceAsStream("named-packages.txt")) {
      if (in == null) {
        throw new IllegalStateException("named-packages.txt is missing from the jar");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int lineNo = 0;
      while ((line = r.readLine()) != null) {
        lineNo++;
        String text = line.strip();
        if (text.isEmpty() || text.startsWith("#")) {
          continue;
        }
        String[] t = text.split("\\s+");
        if (t.length < 3) {
          throw new IllegalStateException("named-packages.txt:" + lineNo + ": too few fields");
        }
        PackagePool pool = PackagePool.valueOf(t[2].toUpperCase(java.util.Locale.ROOT));
        List<Integer> inputs = new ArrayList<>();
        int weight = 1;
        double seconds = Double.NaN;
        List<String> aliases = List.of();
        boolean linuxOnly = false;
        for (int i = 3; i < t.length; i++) {
          String tok = t[i];
          if (tok.startsWith("*")) {
            weight = Integer.parseInt(tok.substring(1));
          } else if (tok.startsWith("@")) {
            seconds = Double.parseDouble(tok.substring(1));
          } else if (tok.startsWith("=")) {
            aliases = List.of(tok.substring(1).split(","));
          } else if (tok.equals("!linux")) {
            linuxOnly = true;
          } else {
            Integer dep = index.get(tok);
            if (dep == null) {
              throw new IllegalStateException(
                  "named-packages.txt:" + lineNo + ": input '" + tok + "' is not defined above");
            }
            inputs.add(dep);
          }
        }
        if (index.putIfAbsent(t[0], out.size()) != null) {
          throw new IllegalStateException(
              "named-packages.txt:" + lineNo + ": '" + t[0] + "' defined twice");
        }
        out.add(
            new Named(
                t[0],
                t[1],
                pool,
                inputs.stream().mapToInt(Integer::intValue).toArray(),
                weight,
                seconds,
                aliases,
                linuxOnly));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(out);
  }

  /** The index of the named package {@code name}; fails loudly (a bug) if there is none. */
  static int indexOf(String name) {
    for (int i = 0; i < ALL.size(); i++) {
      if (ALL.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalStateException("no named package '" + name + "'");
  }
}
