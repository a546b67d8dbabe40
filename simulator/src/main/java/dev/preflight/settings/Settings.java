package dev.preflight.settings;

import dev.preflight.graph.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * All of Preflight's model constants, bound from {@code defaults.json} (commented JSON) and
 * validated in the records' constructors. Immutable. Parsing and binding: {@link SettingsJson}.
 *
 * @param impact impact engine constants
 * @param cost cost simulator constants
 * @param risk risk model constants
 */
public record Settings(ImpactSettings impact, CostSettings cost, RiskSettings risk) {
  private static final String RESOURCE = "defaults.json";

  private static volatile Settings defaults;

  public Settings {
    check(impact != null, "impact settings are missing");
    check(cost != null, "cost settings are missing");
    check(risk != null, "risk settings are missing");
  }

  /** The built-in defaults. */
  public static Settings defaults() {
    Settings d = defaults;
    if (d == null) {
      d = bind(defaultTree(), RESOURCE);
      defaults = d;
    }
    return d;
  }

  /** The defaults with the keys of a user's settings file (same shape, any subset) replaced. */
  public static Settings load(Path file) {
    Object overrides;
    dev.preflight.graph.io.InputFiles.requireFile(file);
    try (InputStream in = Files.newInputStream(file)) {
      overrides = SettingsJson.parse(in);
    } catch (IOException e) {
      throw dev.preflight.graph.io.InputFiles.unreadable(file, e);
    } catch (SettingsJson.Problem e) {
      throw new InputException(file.toString(), null, "invalid settings: " + e.getMessage());
    }
    if (!(overrides instanceof Map)) {
      throw new InputException(file.toString(), null, "settings must be a JSON object");
    }
    return bind(SettingsJson.merge(defaultTree(), overrides), file.toString());
  }

  /** The defaults with some keys replaced, e.g. {@code {"impact": {"cutoffSamples": 10}}}. */
  public static Settings withOverrides(String json) {
    Object overrides;
    try {
      overrides = SettingsJson.parse(json);
    } catch (IOException | SettingsJson.Problem e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return bind(SettingsJson.merge(defaultTree(), overrides), "overrides");
  }

  /**
   * Checks that a count setting lies in {@code [min, max]}: the upper bounds are far beyond any
   * real use and keep a typo ({@code 2147483647} trials) from running out of memory or for hours.
   */
  static void range(String key, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          String.format(
              java.util.Locale.ROOT, "%s must be in [%,d, %,d], got %,d", key, min, max, value));
    }
  }

  static void check(boolean ok, String problem) {
    if (!ok) {
      throw new IllegalArgumentException(problem);
    }
  }

  private static Object defaultTree() {
    try (InputStream in = Settings.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return SettingsJson.parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SettingsJson.Problem e) {
      throw new IllegalStateException(RESOURCE + ": " + e.getMessage(), e);
    }
  }

  private static Settings bind(Object tree, String source) {
    try {
      return SettingsJson.bind(Settings.class, tree, "");
    } catch (SettingsJson.Problem e) {
      throw new InputException(source, null, "invalid settings: " + e.getMessage());
    }
  }
}
