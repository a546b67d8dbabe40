package dev.preflight.cost;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.preflight.graph.InputException;
import dev.preflight.graph.io.JsonProblems;
import dev.preflight.settings.CostSettings;
import dev.preflight.settings.CurrencyCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The file formats a cluster is read from, chosen by name or by the file's extension ({@code
 * .json}, {@code .yaml}/{@code .yml}; anything else is read as a Nix machines file).
 *
 * <p><b>JSON / YAML</b> (same shape; JSON may carry comments):
 *
 * <pre>{@code
 * {"name": "farm", "currency": "EUR", "billing": {"unitSeconds": 1, "minimumSeconds": 60},
 *  "pools": [{"name": "x86", "count": 4, "systems": ["x86_64-linux"], "maxJobs": 8,
 *             "speedFactor": 1, "features": ["big-parallel"], "mandatoryFeatures": [],
 *             "pricePerHour": 0.34, "bootSeconds": 90, "billing": {...},
 *             "autoscale": {"min": 1, "max": 20, "runnablePerMachine": 2000,
 *                           "scaleDownIdleSeconds": 600}}]}
 * }</pre>
 *
 * Only {@code pools} and each pool's {@code systems} are required. Defaults: name from the file,
 * pool names {@code pool-1...}, {@code count} 1 (with autoscaling: its {@code min}), {@code
 * maxJobs} 1, {@code speedFactor} 1, no features, price and billing from the settings, boot 0,
 * {@code runnablePerMachine} 2000, {@code scaleDownIdleSeconds} 0, {@code currency} the settings'
 * ({@code USD}; a file that sets a {@code pricePerHour} without a {@code currency} is reported as
 * assuming it). {@code currency} is an ISO 4217 code ({@link CurrencyCode}). Unknown keys are
 * errors (a typo must not silently become a default). Durations are numbers of seconds: every
 * duration key names its unit ({@code bootSeconds}, {@code unitSeconds}, {@code minimumSeconds},
 * {@code scaleDownIdleSeconds}), so a bare number there is not ambiguous.
 *
 * <p><b>Nix machines file</b> (the {@code builders} setting / {@code /etc/nix/machines}): one
 * machine per line (or per {@code ;}-separated entry), {@code #} starts a comment, whitespace
 * separates the fields {@code uri systems ssh-key maxJobs speedFactor supportedFeatures
 * mandatoryFeatures public-host-key}; lists are comma-separated; {@code -} or a missing trailing
 * field means the default. Each machine becomes a pool of one, priced and billed by the settings.
 * As in Nix, a speed factor of 0 means 1 and mandatory features count as supported. Deviation: a
 * missing system list means "any system" (Nix would take the local platform, which a simulation
 * does not have); {@code @file} includes are not supported.
 */
public enum ClusterFormat {
  JSON("json") {
    @Override
    Cluster read(Path file, CostSettings s) {
      return fromTree(readTree(file, JSON_MAPPER), file, s);
    }
  },
  YAML("yaml") {
    @Override
    Cluster read(Path file, CostSettings s) {
      return fromTree(readTree(file, YAML_MAPPER), file, s);
    }
  },
  MACHINES("machines") {
    @Override
    Cluster read(Path file, CostSettings s) {
      return readMachines(file, s);
    }
  };

  private static final ObjectMapper JSON_MAPPER =
      new ObjectMapper().enable(JsonParser.Feature.ALLOW_COMMENTS);
  private static final ObjectMapper YAML_MAPPER = new ObjectMapper(new YAMLFactory());

  private static final Set<String> CLUSTER_KEYS = Set.of("name", "currency", "billing", "pools");
  private static final Set<String> POOL_KEYS =
      Set.of(
          "name",
          "count",
          "systems",
          "maxJobs",
          "speedFactor",
          "features",
          "mandatoryFeatures",
          "pricePerHour",
          "bootSeconds",
          "billing",
          "autoscale");
  private static final Set<String> BILLING_KEYS = Set.of("unitSeconds", "minimumSeconds");
  private static final Set<String> AUTOSCALE_KEYS =
      Set.of("min", "max", "runnablePerMachine", "scaleDownIdleSeconds");

  /** hydra.nixos.org's deployments scale one machine per 2000 runnable builds. */
  static final int DEFAULT_RUNNABLE_PER_MACHINE = 2000;

  private final String label;

  ClusterFormat(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  abstract Cluster read(Path file, CostSettings s);

  /**
   * Reads a cluster file in the named format, or (format null) the one its extension implies.
   *
   * @throws InputException for an unknown format name, an unreadable file or a bad record
   */
  public static Cluster load(Path file, String format, CostSettings s) {
    ClusterFormat f = format == null ? byExtension(file) : byName(format);
    return f.read(file, s);
  }

  /** The format with this name. */
  public static ClusterFormat byName(String name) {
    for (ClusterFormat f : values()) {
      if (f.label.equalsIgnoreCase(name.trim())) {
        return f;
      }
    }
    throw dev.preflight.graph.Names.unknown(
        "cluster format",
        name,
        Arrays.stream(values()).map(ClusterFormat::label).collect(Collectors.toList()));
  }

  /** JSON for {@code .json}, YAML for {@code .yaml}/{@code .yml}, else a Nix machines file. */
  public static ClusterFormat byExtension(Path file) {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (n.endsWith(".json")) {
      return JSON;
    }
    if (n.endsWith(".yaml") || n.endsWith(".yml")) {
      return YAML;
    }
    return MACHINES;
  }

  // ------------------------------------------------------------------ JSON / YAML

  private static JsonNode readTree(Path file, ObjectMapper mapper) {
    byte[] bytes = bytes(file);
    try {
      if (mapper == YAML_MAPPER) {
        refuseAliases(bytes, file);
      }
      JsonNode tree = mapper.readTree(bytes);
      if (tree == null || !tree.isObject()) {
        throw new InputException(file.toString(), null, "a cluster must be an object with pools");
      }
      return tree;
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      throw new InputException(
          file.toString(),
          loc == null || loc.getLineNr() < 0 ? null : "line " + loc.getLineNr(),
          "malformed cluster: " + JsonProblems.describe(e));
    } catch (IOException e) {
      throw new InputException(file.toString(), null, "cannot read cluster: " + e.getMessage());
    }
  }

  /**
   * Jackson's YAML reader turns an alias ({@code systems: *linux}) into the anchor's name as a
   * string instead of the anchored value, so a file with aliases would be read differently from the
   * same file written out. Refused with the line rather than misread.
   */
  private static void refuseAliases(byte[] bytes, Path file) throws IOException {
    try (com.fasterxml.jackson.dataformat.yaml.YAMLParser p =
        (com.fasterxml.jackson.dataformat.yaml.YAMLParser)
            YAML_MAPPER.getFactory().createParser(bytes)) {
      while (p.nextToken() != null) {
        if (p.isCurrentAlias()) {
          throw new InputException(
              file.toString(),
              "line " + p.currentLocation().getLineNr(),
              "YAML aliases (*"
                  + p.getText()
                  + ") are not supported: write the anchored value out in full");
        }
      }
    }
  }

  static Cluster fromTree(JsonNode tree, Path file, CostSettings s) {
    String f = file.toString();
    checkKeys(tree, CLUSTER_KEYS, f, "cluster");
    String name = text(tree, "name", f, "cluster", stripExtension(file));
    Billing billing =
        tree.has("billing")
            ? billing(tree.get("billing"), f, "billing")
            : Cluster.defaultBilling(s);
    JsonNode pools = tree.get("pools");
    if (pools == null || !pools.isArray() || pools.isEmpty()) {
      throw new InputException(f, "cluster", "needs a non-empty array 'pools'");
    }
    List<Pool> out = new ArrayList<>();
    for (int i = 0; i < pools.size(); i++) {
      out.add(pool(pools.get(i), i, f, s, billing));
    }
    String currency = text(tree, "currency", f, "cluster", null);
    boolean priced = false;
    for (JsonNode p : pools) {
      priced |= p.has("pricePerHour");
    }
    try {
      return new Cluster(
          name,
          out,
          currency == null ? s.currency() : CurrencyCode.check(currency),
          currency == null && priced);
    } catch (IllegalArgumentException e) {
      throw new InputException(f, "cluster", e.getMessage());
    }
  }

  private static Pool pool(JsonNode p, int i, String f, CostSettings s, Billing clusterBilling) {
    String where = "pools[" + i + "]";
    if (!p.isObject()) {
      throw new InputException(f, where, "a pool must be an object");
    }
    String name = text(p, "name", f, where, "pool-" + (i + 1));
    where = where + " (" + name + ")";
    checkKeys(p, POOL_KEYS, f, where);
    Autoscale autoscale = p.has("autoscale") ? autoscale(p.get("autoscale"), f, where) : null;
    int count = (int) number(p, "count", f, where, autoscale == null ? 1 : autoscale.min(), true);
    if (!p.has("systems")) {
      throw new InputException(f, where, "'systems' is required (use [\"*\"] for any system)");
    }
    List<String> systems = strings(p.get("systems"), f, where + ".systems");
    try {
      return new Pool(
          name,
          count,
          systems,
          (int) number(p, "maxJobs", f, where, 1, true),
          number(p, "speedFactor", f, where, 1, false),
          p.has("features") ? strings(p.get("features"), f, where + ".features") : List.of(),
          p.has("mandatoryFeatures")
              ? strings(p.get("mandatoryFeatures"), f, where + ".mandatoryFeatures")
              : List.of(),
          number(p, "pricePerHour", f, where, s.pricePerHour(), false),
          number(p, "bootSeconds", f, where, 0, false),
          p.has("billing") ? billing(p.get("billing"), f, where + ".billing") : clusterBilling,
          autoscale);
    } catch (IllegalArgumentException e) {
      throw new InputException(f, where, e.getMessage());
    }
  }

  private static Billing billing(JsonNode b, String f, String where) {
    if (!b.isObject()) {
      throw new InputException(f, where, "billing must be an object");
    }
    checkKeys(b, BILLING_KEYS, f, where);
    try {
      return new Billing(
          number(b, "unitSeconds", f, where, 1, false),
          number(b, "minimumSeconds", f, where, 0, false));
    } catch (IllegalArgumentException e) {
      throw new InputException(f, where, e.getMessage());
    }
  }

  private static Autoscale autoscale(JsonNode a, String f, String where) {
    String w = where + ".autoscale";
    if (!a.isObject()) {
      throw new InputException(f, w, "autoscale must be an object");
    }
    checkKeys(a, AUTOSCALE_KEYS, f, w);
    if (!a.has("max")) {
      throw new InputException(f, w, "'max' is required");
    }
    try {
      return new Autoscale(
          (int) number(a, "min", f, w, 0, true),
          (int) number(a, "max", f, w, 0, true),
          (int) number(a, "runnablePerMachine", f, w, DEFAULT_RUNNABLE_PER_MACHINE, true),
          number(a, "scaleDownIdleSeconds", f, w, 0, false));
    } catch (IllegalArgumentException e) {
      throw new InputException(f, w, e.getMessage());
    }
  }

  private static void checkKeys(JsonNode node, Set<String> known, String f, String where) {
    Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
    while (it.hasNext()) {
      String k = it.next().getKey();
      if (!known.contains(k)) {
        throw new InputException(
            f,
            where,
            dev.preflight.graph.Names.unknownMessage(
                "key", k, known.stream().sorted().collect(Collectors.toList())));
      }
    }
  }

  private static String text(JsonNode n, String key, String f, String where, String dflt) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new InputException(f, where, "'" + key + "' must be a non-empty string");
    }
    return v.asText().strip();
  }

  private static double number(
      JsonNode n, String key, String f, String where, double dflt, boolean integer) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isNumber()) {
      throw new InputException(f, where, "'" + key + "' must be a number, got " + v);
    }
    double d = v.asDouble();
    if (!Double.isFinite(d)) {
      throw new InputException(f, where, "'" + key + "' must be finite");
    }
    if (integer && (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE)) {
      throw new InputException(f, where, "'" + key + "' must be a whole number, got " + v);
    }
    return d;
  }

  /** A list of strings: a JSON array, or one string with comma-separated items. */
  private static List<String> strings(JsonNode v, String f, String where) {
    List<String> out = new ArrayList<>();
    if (v.isTextual()) {
      out.addAll(splitList(v.asText()));
    } else if (v.isArray()) {
      for (JsonNode e : v) {
        if (!e.isTextual() || e.asText().isBlank()) {
          throw new InputException(f, where, "items must be non-empty strings, got " + e);
        }
        out.add(e.asText().strip());
      }
    } else {
      throw new InputException(f, where, "must be a list of strings, got " + v);
    }
    return out;
  }

  // ------------------------------------------------------------------ Nix machines

  static Cluster readMachines(Path file, CostSettings s) {
    String f = file.toString();
    String text = new String(bytes(file), StandardCharsets.UTF_8);
    List<Pool> pools = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int l = 0; l < lines.length; l++) {
      String line = lines[l];
      int hash = line.indexOf('#');
      if (hash >= 0) {
        line = line.substring(0, hash);
      }
      for (String entry : line.split(";")) {
        String e = entry.strip();
        if (e.isEmpty()) {
          continue;
        }
        pools.add(machine(e, f, "line " + (l + 1), s));
      }
    }
    if (pools.isEmpty()) {
      throw new InputException(f, null, "the machines file lists no machine");
    }
    try {
      return new Cluster(stripExtension(file), pools, s.currency(), false);
    } catch (IllegalArgumentException e) {
      throw new InputException(f, null, e.getMessage());
    }
  }

  private static Pool machine(String entry, String f, String where, CostSettings s) {
    if (entry.startsWith("@")) {
      throw new InputException(f, where, "@file includes are not supported; inline the machines");
    }
    String[] t = entry.split("\\s+");
    if (t.length > 8) {
      throw new InputException(
          f,
          where,
          "expected at most 8 fields (uri systems ssh-key maxJobs speedFactor supportedFeatures"
              + " mandatoryFeatures public-host-key), found "
              + t.length);
    }
    String uri = t[0];
    List<String> systems = field(t, 1).map(ClusterFormat::splitList).orElse(List.of(Pool.ANY));
    int maxJobs = 1;
    if (field(t, 3).isPresent()) {
      String v = field(t, 3).get();
      try {
        maxJobs = Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw new InputException(f, where, "maxJobs '" + v + "' is not a whole number");
      }
      if (maxJobs < 0) {
        // Nix reads an unsigned number; 0 is a machine that takes no job (see Pool).
        throw new InputException(f, where, "maxJobs must be >= 0, got " + v);
      }
    }
    double speed = 1;
    if (field(t, 4).isPresent()) {
      String v = field(t, 4).get();
      try {
        speed = Double.parseDouble(v);
      } catch (NumberFormatException e) {
        throw new InputException(f, where, "speedFactor '" + v + "' is not a number");
      }
      if (!(speed >= 0) || !Double.isFinite(speed)) {
        throw new InputException(f, where, "speedFactor must be >= 0, got " + v);
      }
      if (speed == 0) {
        speed = 1; // as Nix does
      }
    }
    List<String> mandatory = field(t, 6).map(ClusterFormat::splitList).orElse(List.of());
    List<String> supported =
        new ArrayList<>(field(t, 5).map(ClusterFormat::splitList).orElse(List.of()));
    for (String m : mandatory) {
      if (!supported.contains(m)) {
        supported.add(m);
      }
    }
    try {
      return new Pool(
          uri,
          1,
          systems,
          maxJobs,
          speed,
          supported,
          mandatory,
          s.pricePerHour(),
          0,
          Cluster.defaultBilling(s),
          null);
    } catch (IllegalArgumentException e) {
      throw new InputException(f, where, e.getMessage());
    }
  }

  private static Optional<String> field(String[] t, int i) {
    if (i >= t.length || t[i].isEmpty() || t[i].equals("-")) {
      return Optional.empty();
    }
    return Optional.of(t[i]);
  }

  private static List<String> splitList(String s) {
    List<String> out = new ArrayList<>();
    for (String p : s.split(",")) {
      String x = p.strip();
      if (!x.isEmpty()) {
        out.add(x);
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ helpers

  private static byte[] bytes(Path file) {
    dev.preflight.graph.io.InputFiles.requireFile(file);
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw dev.preflight.graph.io.InputFiles.unreadable(file, e);
    }
  }

  private static String stripExtension(Path file) {
    String n = file.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }
}
