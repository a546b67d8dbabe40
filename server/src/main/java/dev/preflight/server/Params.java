package dev.preflight.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request's query parameters, named like the command line's long options ({@code change}, {@code
 * pin}, {@code builders}, ...). A list parameter may repeat and each value may hold several names
 * separated by commas, as picocli's {@code split = ","} reads {@code --change a,b --change c}. A
 * parameter the endpoint does not know, a single-valued one given twice, or a value that does not
 * parse is a 400 naming the parameter.
 */
final class Params {
  private final Map<String, List<String>> values;

  /**
   * @param values the query parameters (name to values in order)
   * @param known the names this endpoint takes
   */
  Params(Map<String, List<String>> values, Set<String> known) {
    this.values = values;
    for (String name : values.keySet()) {
      if (!known.contains(name)) {
        throw ApiError.badRequest(
            name,
            "unknown parameter '"
                + name
                + "'; this endpoint takes: "
                + String.join(", ", new TreeSet<>(known)));
      }
    }
  }

  /** Every value of a list parameter, split on commas, blanks dropped. */
  List<String> list(String name) {
    List<String> out = new ArrayList<>();
    for (String v : values.getOrDefault(name, List.of())) {
      for (String part : v.split(",", -1)) {
        String p = part.strip();
        if (!p.isEmpty()) {
          out.add(p);
        }
      }
    }
    return out;
  }

  /** The one value of {@code name}, or null when absent. */
  String string(String name) {
    List<String> v = values.get(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    if (v.size() > 1) {
      throw ApiError.badRequest(name, "parameter '" + name + "' is given " + v.size() + " times");
    }
    return v.get(0);
  }

  Integer integer(String name) {
    String v = string(name);
    if (v == null) {
      return null;
    }
    try {
      return Integer.valueOf(v.strip());
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(
          name, "parameter '" + name + "' must be a whole number, got '" + v + "'");
    }
  }

  /**
   * {@code name}, else its old spelling {@code oldName} (still accepted, as the command line's
   * hidden alias is); both at once are a 400, as one parameter given twice is.
   */
  Integer integer(String name, String oldName) {
    Integer v = integer(name);
    Integer old = integer(oldName);
    if (v != null && old != null) {
      throw ApiError.badRequest(
          oldName, "parameter '" + oldName + "' is the old name of '" + name + "': give only one");
    }
    return v != null ? v : old;
  }

  int integer(String name, int fallback) {
    Integer v = integer(name);
    return v == null ? fallback : v;
  }

  Long longValue(String name) {
    String v = string(name);
    if (v == null) {
      return null;
    }
    try {
      return Long.valueOf(v.strip());
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(
          name, "parameter '" + name + "' must be a whole number, got '" + v + "'");
    }
  }

  Double number(String name) {
    String v = string(name);
    if (v == null) {
      return null;
    }
    try {
      double d = Double.parseDouble(v.strip());
      if (Double.isNaN(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest(name, "parameter '" + name + "' must be a number, got '" + v + "'");
    }
  }

  /**
   * A flag: absent false; {@code true}, {@code 1} or empty true; {@code false}, {@code 0} false.
   */
  boolean flag(String name) {
    String v = string(name);
    if (v == null) {
      return false;
    }
    return switch (v.strip()) {
      case "", "true", "1" -> true;
      case "false", "0" -> false;
      default ->
          throw ApiError.badRequest(
              name, "parameter '" + name + "' must be true or false, got '" + v + "'");
    };
  }

  /** A list of whole numbers ({@code sizes=1,2,4}). */
  List<Integer> integers(String name) {
    List<Integer> out = new ArrayList<>();
    for (String v : list(name)) {
      try {
        out.add(Integer.valueOf(v));
      } catch (NumberFormatException e) {
        throw ApiError.badRequest(
            name, "parameter '" + name + "' must be whole numbers, got '" + v + "'");
      }
    }
    return out;
  }
}
