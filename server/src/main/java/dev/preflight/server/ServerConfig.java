package dev.preflight.server;

import dev.preflight.settings.Settings;
import java.io.PrintStream;
import java.util.List;
import java.util.Objects;

/**
 * How {@code preflight serve} runs.
 *
 * @param host the address to bind (loopback unless a token is set)
 * @param port the port (0: any free one)
 * @param token the bearer token every {@code /v1/} and {@code /metrics} request must carry, or null
 *     for none (loopback only)
 * @param corsOrigin the one origin allowed to call from a browser, or null for no CORS headers
 * @param graphs the graphs to serve; the first answers requests without {@code graph}
 * @param settings the settings every question runs with
 * @param threads worker threads for the parallel parts of an answer
 * @param maxConcurrent answers computed at once; more get 429
 * @param timeoutMillis an answer that takes longer is abandoned with 503
 * @param maxBodyBytes the largest request body (POST /v1/labels)
 * @param watchMillis how often to check the graph files for changes (0: never)
 * @param drainMillis how long a stop waits for requests in flight
 * @param cacheChars characters of answers kept for repeated questions (0: none; {@link
 *     AnswerCache})
 * @param log where the access log and the reload messages go (stderr)
 */
public record ServerConfig(
    String host,
    int port,
    String token,
    String corsOrigin,
    List<GraphSource> graphs,
    Settings settings,
    int threads,
    int maxConcurrent,
    long timeoutMillis,
    long maxBodyBytes,
    long watchMillis,
    long drainMillis,
    long cacheChars,
    PrintStream log) {
  public ServerConfig {
    Objects.requireNonNull(host, "host");
    graphs = List.copyOf(graphs);
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(log, "log");
  }
}
