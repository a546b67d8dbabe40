package dev.preflight.impact;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The impact-profile engines, by name. */
public enum ProfileEngines {
  /** {@link CondensationProfile}: blocked bitsets over the SCC condensation (the default). */
  BITSET {
    @Override
    public ProfileEngine create(long budgetBytes) {
      return new CondensationProfile(budgetBytes);
    }
  },
  /** {@link BfsProfile}: one BFS per node, the baseline and test oracle. */
  BFS {
    @Override
    public ProfileEngine create(long budgetBytes) {
      return new BfsProfile();
    }
  };

  /** A new engine; {@code budgetBytes} bounds a task's working memory where that applies. */
  public abstract ProfileEngine create(long budgetBytes);

  /** The engine with this name, in any case; unknown names list the known ones. */
  public static ProfileEngines parse(String name) {
    for (ProfileEngines e : values()) {
      if (e.name().equalsIgnoreCase(name.trim())) {
        return e;
      }
    }
    throw dev.preflight.graph.Names.unknown(
        "profile engine",
        name,
        Arrays.stream(values())
            .map(e -> e.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.toList()));
  }
}
