package dev.preflight.report;

import dev.preflight.graph.Names;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Looks a format enum's constant up by its lower-case name, as {@code --format} spells it. */
final class FormatNames {
  private FormatNames() {}

  /** The lower-case names of {@code type}'s constants, in declaration order. */
  static <E extends Enum<E>> List<String> names(Class<E> type) {
    return Arrays.stream(type.getEnumConstants())
        .map(f -> f.name().toLowerCase(Locale.ROOT))
        .toList();
  }

  /**
   * The constant named {@code name} (any case).
   *
   * @throws dev.preflight.graph.InputException naming the word and the known formats
   */
  static <E extends Enum<E>> E byName(Class<E> type, String name) {
    for (E f : type.getEnumConstants()) {
      if (f.name().equalsIgnoreCase(name)) {
        return f;
      }
    }
    throw Names.unknown("--format", name, names(type));
  }
}
