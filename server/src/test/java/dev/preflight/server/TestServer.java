package dev.preflight.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preflight.settings.Settings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** A server on an ephemeral loopback port, and a client for it (Java's own HttpClient). */
final class TestServer implements AutoCloseable {
  static final Path REPO = Path.of(System.getProperty("preflight.repo", "..")).toAbsolutePath();
  static final Path SAMPLE = REPO.resolve("fixtures/sample/nixpkgs-sample.json");
  static final ObjectMapper JSON = new ObjectMapper();

  final PreflightServer server;
  final ByteArrayOutputStream log;
  final HttpClient client = HttpClient.newHttpClient();
  String token;

  TestServer(
      ServerConfig config,
      ByteArrayOutputStream log,
      Consumer<io.javalin.config.RoutesConfig> extra) {
    this.log = log;
    server = PreflightServer.start(config, extra);
  }

  /** The sample graph as {@code sample}, defaults everywhere else. */
  static TestServer sample() {
    return start(b -> {});
  }

  static TestServer start(Consumer<Builder> customize) {
    Builder b = new Builder();
    customize.accept(b);
    return b.start();
  }

  /** The config knobs tests turn. */
  static final class Builder {
    String host = "127.0.0.1";
    String token;
    String cors;
    List<GraphSource> graphs = List.of(new GraphSource("sample", SAMPLE, null));
    int maxConcurrent = 8;
    long timeoutMillis = 30_000;
    long maxBody = 1 << 20;
    long watchMillis = 0;
    long drainMillis = 5_000;
    long cacheChars = 1 << 24;
    Consumer<io.javalin.config.RoutesConfig> extra = r -> {};

    TestServer start() {
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      ServerConfig c =
          new ServerConfig(
              host,
              0,
              token,
              cors,
              graphs,
              Settings.defaults(),
              2,
              maxConcurrent,
              timeoutMillis,
              maxBody,
              watchMillis,
              drainMillis,
              cacheChars,
              new PrintStream(log, true, StandardCharsets.UTF_8));
      TestServer t = new TestServer(c, log, extra);
      t.token = token;
      return t;
    }
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
  }

  HttpResponse<String> get(String pathAndQuery) {
    return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
  }

  HttpResponse<String> post(String pathAndQuery, String contentType, String body) {
    return send(
        HttpRequest.newBuilder(uri(pathAndQuery))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  HttpResponse<String> send(HttpRequest.Builder b) {
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + r.body(), e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
