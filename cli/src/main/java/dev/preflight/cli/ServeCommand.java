package dev.preflight.cli;

import dev.preflight.graph.InputException;
import dev.preflight.report.Fmt;
import dev.preflight.server.PreflightServer;
import dev.preflight.server.ServedGraph;
import dev.preflight.server.ServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code preflight serve}: the graphs held in memory behind the HTTP API (docs/serve.md). Runs
 * until SIGTERM or Ctrl-C, which stop accepting and drain the requests in flight.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Answer impact, cost, risk, plan and labels over HTTP from graphs held in memory.",
      "The JSON of /v1/impact, /v1/cost, /v1/risk and /v1/plan is byte for byte the command's"
          + " --format json; /v1/openapi.json lists every endpoint. Graph files are watched and"
          + " reloaded atomically; a failed reload keeps the old graph."
    },
    footer = {
      "",
      "Requests choose a graph with graph=LABEL; without --graph the bundled graph is served",
      "as 'default'.",
      "",
      "Examples:",
      "  preflight serve",
      "  preflight serve --graph debian=fixtures/debian-bookworm-amd64.arrow \\",
      "      --graph nixpkgs=fixtures/sample/nixpkgs-sample.json --port 9090",
      "  preflight serve --host 0.0.0.0 --token-file /etc/preflight/token",
      "  curl -s 'http://127.0.0.1:8080/v1/labels?change=zlib'"
    })
final class ServeCommand implements Callable<Integer> {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  @Mixin GraphListOption graphs;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      paramLabel = "ADDRESS",
      description =
          "Address to bind (default: ${DEFAULT-VALUE}); any other than loopback needs"
              + " --token-file.")
  String host;

  @Option(
      names = "--port",
      defaultValue = "8080",
      paramLabel = "PORT",
      description = "Port (default: ${DEFAULT-VALUE}; 0 for any free one).")
  int port;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description = "A file holding the bearer token every /v1/ and /metrics request must carry.")
  Path tokenFile;

  @Option(
      names = "--cors",
      paramLabel = "ORIGIN",
      description = "Allow browser calls from this one origin (default: no CORS headers).")
  String cors;

  @Option(
      names = "--max-concurrent",
      defaultValue = "16",
      paramLabel = "N",
      description = "Answers computed at once; more get 429 (default: ${DEFAULT-VALUE}).")
  int maxConcurrent;

  @Option(
      names = "--timeout",
      defaultValue = "30",
      paramLabel = "SECONDS",
      description = "An answer taking longer gets 503 (default: ${DEFAULT-VALUE}).")
  double timeoutSeconds;

  @Option(
      names = "--max-body",
      defaultValue = "67108864",
      paramLabel = "BYTES",
      description =
          "Largest request body, for POST /v1/labels (default: ${DEFAULT-VALUE}, 64 MiB).")
  long maxBody;

  @Option(
      names = "--watch",
      defaultValue = "2",
      paramLabel = "SECONDS",
      description =
          "Check the graph files for changes this often; 0 never (default: ${DEFAULT-VALUE}).")
  double watchSeconds;

  @Option(
      names = "--drain",
      defaultValue = "10",
      paramLabel = "SECONDS",
      description =
          "On SIGTERM, wait this long for requests in flight (default: ${DEFAULT-VALUE}).")
  double drainSeconds;

  @Option(
      names = "--cache",
      defaultValue = "32",
      paramLabel = "MB",
      description =
          "Keep answers to repeated questions, up to about MB megabytes; 0 for none"
              + " (default: ${DEFAULT-VALUE}).")
  long cacheMegabytes;

  @Mixin ThreadsOption threadsOption;

  @Mixin SettingsOption settingsOption;

  @Spec CommandSpec spec;

  /** Set once the server listens; tests stop it through {@link #stop}. */
  private final CountDownLatch stopped = new CountDownLatch(1);

  private volatile PreflightServer server;

  @Override
  public Integer call() {
    ServerConfig config = config();
    PreflightServer s = PreflightServer.start(config);
    server = s;
    Thread hook = new Thread(this::stop, "preflight-serve-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    System.err.printf(
        "preflight: serving %s on http://%s:%d (/v1/openapi.json lists the API; Ctrl-C stops)%n",
        String.join(", ", s.graphs()), host.contains(":") ? "[" + host + "]" : host, s.port());
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop();
    }
    return ExitCodes.OK;
  }

  /** Stops accepting, drains, and lets {@link #call} return. */
  void stop() {
    PreflightServer s = server;
    if (s != null) {
      System.err.println("preflight: stopping: draining the requests in flight");
      s.close();
    }
    stopped.countDown();
  }

  ServerConfig config() {
    if (port < 0 || port > 65535) {
      throw InputException.of("--port must be between 0 and 65535, got " + port);
    }
    if (maxConcurrent < 1) {
      throw InputException.of("--max-concurrent must be >= 1, got " + maxConcurrent);
    }
    if (!(timeoutSeconds > 0) || !(drainSeconds >= 0) || !(watchSeconds >= 0)) {
      throw InputException.of("--timeout must be > 0, --drain and --watch >= 0");
    }
    if (cacheMegabytes < 0 || cacheMegabytes > 1 << 20) {
      throw InputException.of("--cache must be between 0 and 1048576 MB, got " + cacheMegabytes);
    }
    if (maxBody < 1) {
      throw InputException.of("--max-body must be >= 1, got " + maxBody);
    }
    String token = token();
    PreflightServer.checkBind(host, token);
    return new ServerConfig(
        host,
        port,
        token,
        cors,
        sources(),
        settingsOption.settings(),
        threadsOption.count(),
        maxConcurrent,
        (long) (timeoutSeconds * 1000),
        maxBody,
        (long) (watchSeconds * 1000),
        (long) (drainSeconds * 1000),
        cacheMegabytes << 20,
        System.err);
  }

  private String token() {
    if (tokenFile == null) {
      return null;
    }
    String t;
    try {
      t = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new InputException(
          tokenFile.toString(), null, "cannot read the token: " + e.getMessage());
    }
    if (t.length() < 16) {
      throw new InputException(
          tokenFile.toString(),
          null,
          Fmt.format("the token is %d characters; use at least 16", t.length()));
    }
    return t;
  }

  /** The graphs to serve: the bundled one as {@code default} without {@code --graph}. */
  private List<ServedGraph> sources() {
    List<ServedGraph> out = new ArrayList<>();
    graphs
        .labelled("default", ServeCommand::checkName)
        .forEach((name, file) -> out.add(new ServedGraph(name, file, graphs.format.name)));
    return out;
  }

  /** A graph's name goes into URLs ({@code graph=}, {@code /v1/graphs/NAME/reload}). */
  private static String checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw InputException.of(
          "--graph name '" + name + "' must be letters, digits, '.', '_' or '-' (64 at most)");
    }
    return name;
  }
}
