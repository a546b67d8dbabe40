package dev.preflight.graph;

import java.util.List;
import java.util.Objects;

/**
 * One node as importers and tests describe it, before it is stored column-wise in a {@link
 * PackageGraph}. Absent numbers are {@code NaN} (doubles) or {@code -1} (sizes).
 *
 * @param id unique key: a drv path, or {@code name@system}
 * @param name pname, attribute path or source package name
 * @param version version string, may be empty
 * @param system platform such as {@code x86_64-linux}
 * @param buildSeconds observed or estimated build duration, {@code NaN} if unknown
 * @param lastStatus result of the previous build
 * @param channels channel tags such as {@code nixos-small}
 * @param aliases other attribute names that evaluate to this node
 * @param sizeBytes size proxy for the duration model (e.g. Debian source size), -1 if unknown
 * @param unchangedProbability per-node probability that a rebuild reproduces the old output (the
 *     {@code cutoff} policy), {@code NaN} for the default
 * @param binaries the binary packages this node builds (Debian), in index order
 * @param features required system features (Nix {@code requiredSystemFeatures}), sorted, distinct
 * @param fixedOutput a fixed-output derivation (Nix: declared output hash)
 */
public record NodeRecord(
    String id,
    String name,
    String version,
    String system,
    double buildSeconds,
    NodeStatus lastStatus,
    List<String> channels,
    List<String> aliases,
    long sizeBytes,
    double unchangedProbability,
    List<String> binaries,
    List<String> features,
    boolean fixedOutput) {

  public NodeRecord {
    Objects.requireNonNull(id, "id");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("node id is empty");
    }
    name = name == null || name.isEmpty() ? id : name;
    version = version == null ? "" : version;
    system = system == null ? "" : system;
    lastStatus = lastStatus == null ? NodeStatus.UNKNOWN : lastStatus;
    channels = channels == null ? List.of() : List.copyOf(channels);
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
    binaries = binaries == null ? List.of() : List.copyOf(binaries);
    features = features == null ? List.of() : List.copyOf(new java.util.TreeSet<>(features));
    if (!Double.isNaN(buildSeconds) && (buildSeconds < 0 || Double.isInfinite(buildSeconds))) {
      throw new IllegalArgumentException("buildSeconds must be >= 0, got " + buildSeconds);
    }
    if (!Double.isNaN(unchangedProbability)
        && (unchangedProbability < 0 || unchangedProbability > 1)) {
      throw new IllegalArgumentException(
          "unchangedProbability must be in [0, 1], got " + unchangedProbability);
    }
    if (sizeBytes < -1) {
      throw new IllegalArgumentException("sizeBytes must be >= 0 or -1, got " + sizeBytes);
    }
  }

  /** A node without binaries, features, or a fixed output (the common columns only). */
  public NodeRecord(
      String id,
      String name,
      String version,
      String system,
      double buildSeconds,
      NodeStatus lastStatus,
      List<String> channels,
      List<String> aliases,
      long sizeBytes,
      double unchangedProbability) {
    this(
        id,
        name,
        version,
        system,
        buildSeconds,
        lastStatus,
        channels,
        aliases,
        sizeBytes,
        unchangedProbability,
        List.of(),
        List.of(),
        false);
  }

  /** A node with only an id, name and system; every other attribute absent. */
  public static NodeRecord of(String id, String name, String system) {
    return new NodeRecord(
        id, name, "", system, Double.NaN, NodeStatus.UNKNOWN, List.of(), List.of(), -1, Double.NaN);
  }

  public NodeRecord withVersion(String v) {
    Copy c = new Copy(this);
    c.version = v;
    return c.build();
  }

  public NodeRecord withBuildSeconds(double s) {
    Copy c = new Copy(this);
    c.buildSeconds = s;
    return c.build();
  }

  public NodeRecord withStatus(NodeStatus s) {
    Copy c = new Copy(this);
    c.lastStatus = s;
    return c.build();
  }

  public NodeRecord withChannels(List<String> channelList) {
    Copy c = new Copy(this);
    c.channels = channelList;
    return c.build();
  }

  public NodeRecord withAliases(List<String> a) {
    Copy c = new Copy(this);
    c.aliases = a;
    return c.build();
  }

  public NodeRecord withSizeBytes(long b) {
    Copy c = new Copy(this);
    c.sizeBytes = b;
    return c.build();
  }

  public NodeRecord withUnchangedProbability(double p) {
    Copy c = new Copy(this);
    c.unchangedProbability = p;
    return c.build();
  }

  public NodeRecord withBinaries(List<String> b) {
    Copy c = new Copy(this);
    c.binaries = b;
    return c.build();
  }

  public NodeRecord withFeatures(List<String> f) {
    Copy c = new Copy(this);
    c.features = f;
    return c.build();
  }

  public NodeRecord withFixedOutput(boolean f) {
    Copy c = new Copy(this);
    c.fixedOutput = f;
    return c.build();
  }

  /** A mutable copy of every component, so each {@code with*} names only what it changes. */
  private static final class Copy {
    private final String id;
    private final String name;
    private String version;
    private final String system;
    private double buildSeconds;
    private NodeStatus lastStatus;
    private List<String> channels;
    private List<String> aliases;
    private long sizeBytes;
    private double unchangedProbability;
    private List<String> binaries;
    private List<String> features;
    private boolean fixedOutput;

    Copy(NodeRecord r) {
      id = r.id;
      name = r.name;
      version = r.version;
      system = r.system;
      buildSeconds = r.buildSeconds;
      lastStatus = r.lastStatus;
      channels = r.channels;
      aliases = r.aliases;
      sizeBytes = r.sizeBytes;
      unchangedProbability = r.unchangedProbability;
      binaries = r.binaries;
      features = r.features;
      fixedOutput = r.fixedOutput;
    }

    NodeRecord build() {
      return new NodeRecord(
          id,
          name,
          version,
          system,
          buildSeconds,
          lastStatus,
          channels,
          aliases,
          sizeBytes,
          unchangedProbability,
          binaries,
          features,
          fixedOutput);
    }
  }
}
