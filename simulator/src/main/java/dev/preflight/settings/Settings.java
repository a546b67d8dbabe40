package dev.preflight.settings;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.preflight.graph.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * All of Preflight's model constants, bound from {@code defaults.json} (commented JSON) and
 * validated in the records' constructors. Immutable.
 *
 * @param impact impact engine constants
 * @param cost cost simulator constants
 * @param risk risk model constants
 */
public record Settings(ImpactSettings impact, CostSettings cost, RiskSettings risk) {
  private static final String RESOURCE = "defaults.json";
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(JsonParser.Feature.ALLOW_COMMENTS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

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
    JsonNode overrides;
    try {
      overrides = MAPPER.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new InputException(file.toString(), null, "cannot read settings: " + e.getMessage());
    }
    if (overrides == null || !overrides.isObject()) {
      throw new InputException(file.toString(), null, "settings must be a JSON object");
    }
    return bind(merge(defaultTree(), overrides), file.toString());
  }

  /** The defaults with some keys replaced, e.g. {@code {"impact": {"cutoffSamples": 10}}}. */
  public static Settings withOverrides(String json) {
    try {
      return bind(merge(defaultTree(), MAPPER.readTree(json)), "overrides");
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static void check(boolean ok, String problem) {
    if (!ok) {
      throw new IllegalArgumentException(problem);
    }
  }

  private static ObjectNode defaultTree() {
    try (InputStream in = Settings.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return (ObjectNode) MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode merge(JsonNode base, JsonNode overrides) {
    if (!(base instanceof ObjectNode b) || !overrides.isObject()) {
      return overrides;
    }
    Iterator<Map.Entry<String, JsonNode>> it = overrides.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode existing = b.get(e.getKey());
      b.set(e.getKey(), existing == null ? e.getValue() : merge(existing, e.getValue()));
    }
    return b;
  }

  private static Settings bind(JsonNode tree, String source) {
    try {
      return MAPPER.treeToValue(tree, Settings.class);
    } catch (IOException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
      String msg =
          cause instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
              ? jpe.getOriginalMessage()
              : cause.getMessage();
      throw new InputException(source, null, "invalid settings: " + msg);
    }
  }
}
