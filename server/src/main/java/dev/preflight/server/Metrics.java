package dev.preflight.server;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The server's Prometheus metrics, on the Prometheus Java client itself (prometheus-metrics-core):
 * Prometheus is the one backend, so Micrometer's vendor-neutral layer would add a translation and
 * its own dependencies for nothing. Request latency is a classic histogram per endpoint, method and
 * status (its {@code _count} is the request counter); graph sizes are gauges read from the current
 * snapshots at scrape time; reloads count by outcome; the JVM's own metrics (memory pools, GC,
 * threads, process resident memory) come from the client's JVM instrumentation.
 */
final class Metrics {
  /** Seconds: half a millisecond to a minute, dense below 50 ms where the API's answers live. */
  private static final double[] BUCKETS = {
    0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60
  };

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Histogram requests;
  private final Counter reloads;
  private final Counter rejected;

  Metrics(GraphStore store) {
    requests =
        Histogram.builder()
            .name("preflight_http_request_duration_seconds")
            .help("Time to answer an HTTP request, by endpoint, method and status")
            .labelNames("endpoint", "method", "status")
            .classicOnly()
            .classicUpperBounds(BUCKETS)
            .register(registry);
    reloads =
        Counter.builder()
            .name("preflight_graph_reloads_total")
            .help("Graph reloads, by graph and result (ok: swapped in; failed: old graph kept)")
            .labelNames("graph", "result")
            .register(registry);
    rejected =
        Counter.builder()
            .name("preflight_http_rejected_total")
            .help("Requests refused before any work, by reason (busy: 429; unauthorized: 401)")
            .labelNames("reason")
            .register(registry);
    GaugeWithCallback.builder()
        .name("preflight_graph_nodes")
        .help("Nodes of each served graph")
        .labelNames("graph")
        .callback(
            cb -> {
              for (String n : store.names()) {
                cb.call(store.get(n).graph.nodeCount(), n);
              }
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("preflight_graph_edges")
        .help("Dependency edges of each served graph")
        .labelNames("graph")
        .callback(
            cb -> {
              for (String n : store.names()) {
                cb.call(store.get(n).graph.edgeCount(), n);
              }
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("preflight_graph_loaded_timestamp_seconds")
        .help("When each served graph was loaded (Unix time)")
        .labelNames("graph")
        .callback(
            cb -> {
              for (String n : store.names()) {
                cb.call(store.get(n).loadedAt.toEpochMilli() / 1000.0, n);
              }
            })
        .register(registry);
    JvmMetrics.builder().register(registry);
    store.onReload((graph, ok) -> reloads.labelValues(graph, ok ? "ok" : "failed").inc());
  }

  void request(String endpoint, String method, int status, double seconds) {
    requests.labelValues(endpoint, method, Integer.toString(status)).observe(seconds);
  }

  void rejected(String reason) {
    rejected.labelValues(reason).inc();
  }

  /** The Prometheus text exposition format, version 0.0.4. */
  String scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      new PrometheusTextFormatWriter(false)
          .write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  static String contentType() {
    return new PrometheusTextFormatWriter(false).getContentType();
  }
}
