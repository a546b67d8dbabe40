package dev.preflight.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preflight.cost.Cluster;
import dev.preflight.graph.InputException;
import dev.preflight.history.History;
import dev.preflight.history.HistoryFile;
import dev.preflight.settings.Settings;
import java.io.IOException;
import java.io.Serializable;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Everything a batch row needs besides its graph, in a form Spark can ship: the settings and the
 * cluster as JSON, the history file as its text. Each executor JVM binds them again once (cached by
 * content hash), so the engines get the same typed objects as on the driver.
 *
 * <p>The driver validates everything in {@link #of} before any task runs: a bad history file or
 * cluster fails there with its file and line.
 *
 * <p>Immutable; the per-JVM cache is thread-safe.
 */
public final class BatchContext implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper MAPPER =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final ConcurrentMap<String, Bound> BOUND = new ConcurrentHashMap<>();

  private final String settingsJson;
  private final String clusterJson;
  private final String historyText;
  private final String historySource;
  private final String key;

  /** The typed objects, bound once per JVM. */
  private record Bound(Settings settings, Cluster cluster, History history) {}

  private BatchContext(
      String settingsJson, String clusterJson, String historyText, String historySource) {
    this.settingsJson = settingsJson;
    this.clusterJson = clusterJson;
    this.historyText = historyText;
    this.historySource = historySource;
    this.key =
        sha256(settingsJson + '\0' + clusterJson + '\0' + historySource + '\0' + historyText);
  }

  /**
   * A context for a batch.
   *
   * @param cluster the cluster every row's cost is simulated on
   * @param historyFile the build history (durations and risk), or null
   * @throws InputException for an unreadable or malformed history file
   */
  public static BatchContext of(Settings settings, Cluster cluster, Path historyFile) {
    String historyText = null;
    String source = null;
    if (historyFile != null) {
      source = historyFile.toString();
      dev.preflight.graph.io.InputFiles.requireFile(historyFile);
      try {
        historyText = Files.readString(historyFile, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw dev.preflight.graph.io.InputFiles.unreadable(historyFile, e);
      }
    }
    BatchContext c = new BatchContext(json(settings), json(cluster), historyText, source);
    Bound b = c.bind();
    if (!b.cluster().equals(cluster) || !b.settings().equals(settings)) {
      throw new IllegalStateException("settings or cluster do not survive their JSON form");
    }
    return c;
  }

  /** The engines' constants. */
  public Settings settings() {
    return bound().settings();
  }

  /** The cluster every row's cost is simulated on. */
  public Cluster cluster() {
    return bound().cluster();
  }

  /** The build history (durations and risk), or null without one. */
  public History history() {
    return bound().history();
  }

  /** Whether a history was given (and the risk columns are computed). */
  public boolean hasHistory() {
    return historyText != null;
  }

  private Bound bound() {
    return BOUND.computeIfAbsent(key, k -> bind());
  }

  private Bound bind() {
    try {
      Settings settings = Settings.withOverrides(settingsJson);
      Cluster cluster = MAPPER.readValue(clusterJson, Cluster.class);
      History history =
          historyText == null
              ? null
              : HistoryFile.parse(new StringReader(historyText), historySource);
      return new Bound(settings, cluster, history);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot bind the batch context", e);
    }
  }

  private static String json(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render " + value.getClass().getSimpleName(), e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
