package dev.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preflight.server.PreflightServer;
import dev.preflight.server.ServedGraph;
import dev.preflight.server.ServerConfig;
import dev.preflight.settings.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One code path: the server's JSON bodies are byte for byte what {@code preflight ... --format
 * json} prints for the same arguments, on the bundled Debian graph and the Nix-like sample, with
 * policies, pins, clusters, schedulers, curves, samples and deadlines. The command runs in-process
 * as a user would run it; the server on an ephemeral loopback port.
 */
final class ServeParityTest {
  private static final Path REPO =
      Path.of(System.getProperty("preflight.repo", "..")).toAbsolutePath().normalize();
  private static final Path DEBIAN = REPO.resolve(DefaultGraph.FILE);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static PreflightServer server;
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    server =
        PreflightServer.start(
            new ServerConfig(
                "127.0.0.1",
                0,
                null,
                null,
                List.of(
                    new ServedGraph("debian", DEBIAN, null),
                    new ServedGraph("sample", Path.of(Cli.SAMPLE), null)),
                Settings.defaults(),
                // The command's default thread count: the cutoff trials split by it.
                Runtime.getRuntime().availableProcessors(),
                8,
                120_000,
                64 << 20,
                0,
                5_000,
                0, // no answer cache: every request computes
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // impact
        c("sample", "impact", "change=zlib", "--change", "zlib"),
        c(
            "sample",
            "impact",
            "change=openssl,zlib&policy=direct&list=true",
            "--change",
            "openssl,zlib",
            "--policy",
            "direct",
            "--list"),
        c("sample", "impact", "change=zlib&pin=openssl", "--change", "zlib", "--pin", "openssl"),
        c(
            "sample",
            "impact",
            "change=glibc&policy=cutoff&cutoff-trials=50&seed=7",
            "--change",
            "glibc",
            "--policy",
            "cutoff",
            "--cutoff-trials",
            "50",
            "--seed",
            "7"),
        // The old spelling, still accepted on both sides.
        c(
            "sample",
            "impact",
            "change=glibc&policy=cutoff&samples=40",
            "--change",
            "glibc",
            "--policy",
            "cutoff",
            "--samples",
            "40"),
        c("sample", "impact", "change=python3Packages.*", "--change", "python3Packages.*"),
        c("debian", "impact", "change=zlib", "--change", "zlib"),
        c(
            "debian",
            "impact",
            "change=zlib&change=openssl&policy=direct&list=1",
            "--change",
            "zlib",
            "--change",
            "openssl",
            "--policy",
            "direct",
            "--list"),
        c(
            "debian",
            "impact",
            "change=zlib&policy=transitive&pin=debhelper,gcc-12",
            "--change",
            "zlib",
            "--policy",
            "transitive",
            "--pin",
            "debhelper,gcc-12"),
        // cost
        c(
            "sample",
            "cost",
            "change=zlib&builders=4&slots=2",
            "--change",
            "zlib",
            "--builders",
            "4",
            "--slots",
            "2"),
        c(
            "sample",
            "cost",
            "change=glibc&sizes=1,2,4&samples=20&seed=3",
            "--change",
            "glibc",
            "--sizes",
            "1,2,4",
            "--samples",
            "20",
            "--seed",
            "3"),
        // the what-ifs of the cluster options (--price, --autoscale, --currency)
        c(
            "sample",
            "cost",
            "change=zlib&builders=4&slots=2&price=1.5/h&autoscale=2..8&currency=EUR",
            "--change",
            "zlib",
            "--builders",
            "4",
            "--slots",
            "2",
            "--price",
            "1.5/h",
            "--autoscale",
            "2..8",
            "--currency",
            "EUR"),
        c(
            "sample",
            "plan",
            "change=zlib&deadline=6h&price=0.68/h",
            "--change",
            "zlib",
            "--deadline",
            "6h",
            "--price",
            "0.68/h"),
        c("sample", "cost", "all=true&scheduler=fifo", "--all", "--scheduler", "fifo"),
        c(
            "sample",
            "cost",
            "change=zlib&scheduler=channel-first&channel=nixos-small",
            "--change",
            "zlib",
            "--scheduler",
            "channel-first",
            "--channel",
            "nixos-small"),
        c(
            "sample",
            "cost",
            "change=zlib&fail-red=true&failure-rate=0.2&pin=curl",
            "--change",
            "zlib",
            "--fail-red",
            "--failure-rate",
            "0.2",
            "--pin",
            "curl"),
        c(
            "debian",
            "cost",
            "change=zlib&policy=direct&builders=50&order=levels",
            "--change",
            "zlib",
            "--policy",
            "direct",
            "--builders",
            "50",
            "--order",
            "levels"),
        // risk
        c("sample", "risk", "change=openssl", "--change", "openssl"),
        c("sample", "risk", "change=zlib&samples=4", "--change", "zlib", "--samples", "4"),
        c(
            "sample",
            "risk",
            "change=zlib&sample-builds=5&top=3&list=true&confidence=0.9",
            "--change",
            "zlib",
            "--sample-builds",
            "5",
            "--top",
            "3",
            "--list",
            "--confidence",
            "0.9"),
        c(
            "debian",
            "risk",
            "change=zlib&budget-hours=100",
            "--change",
            "zlib",
            "--budget-hours",
            "100"),
        // plan
        c(
            "sample",
            "plan",
            "change=zlib&deadline=3h&builders=8&slots=4",
            "--change",
            "zlib",
            "--deadline",
            "3h",
            "--builders",
            "8",
            "--slots",
            "4"),
        c(
            "sample",
            "plan",
            "change=glibc&scheduler=critical-path&list=true&top=2",
            "--change",
            "glibc",
            "--scheduler",
            "critical-path",
            "--list",
            "--top",
            "2"),
        c(
            "debian",
            "plan",
            "change=zlib&policy=direct&deadline=48h&pin=debhelper",
            "--change",
            "zlib",
            "--policy",
            "direct",
            "--deadline",
            "48h",
            "--pin",
            "debhelper"),
        c(
            "debian",
            "plan",
            "change=openssl&sizes=1,2&samples=10",
            "--change",
            "openssl",
            "--sizes",
            "1,2",
            "--samples",
            "10"));
  }

  private static Arguments c(String graph, String command, String query, String... args) {
    return Arguments.of(graph, command, query, List.of(args));
  }

  @ParameterizedTest(name = "{1} {2} on {0}")
  @MethodSource("cases")
  void serverBody_isTheCommandsJsonByteForByte(
      String graph, String command, String query, List<String> args) throws Exception {
    List<String> cli = new ArrayList<>(List.of(command, "--graph", graphFile(graph)));
    cli.addAll(args);
    cli.addAll(List.of("--format", "json"));
    Cli r = Cli.run(cli.toArray(new String[0]));
    assertEquals(0, r.exitCode, r.toString());
    HttpResponse<byte[]> h = get("/v1/" + command + "?graph=" + graph + "&" + query);
    assertEquals(200, h.statusCode(), new String(h.body(), StandardCharsets.UTF_8));
    assertArrayEquals(
        r.out.getBytes(StandardCharsets.UTF_8),
        h.body(),
        () ->
            "differs:\n--- cli\n"
                + r.out
                + "--- server\n"
                + new String(h.body(), StandardCharsets.UTF_8));
  }

  @Test
  void labels_areTheLinesOfImpactLabels() throws Exception {
    Cli r = Cli.run("impact", "--graph", DEBIAN.toString(), "--change", "zlib", "--labels");
    JsonNode j = JSON.readTree(get("/v1/labels?graph=debian&change=zlib").body());
    List<String> labels = new ArrayList<>();
    j.get("labels").forEach(l -> labels.add(l.asText()));
    assertEquals(r.out, String.join("\n", labels) + "\n");
  }

  @Test
  void postLabels_areTheLinesOfImpactBeforeAfterLabels() throws Exception {
    String before = Files.readString(REPO.resolve("fixtures/nix/release-jobs.jsonl"));
    int at = before.indexOf("\"drvPath\":\"/nix/store/") + "\"drvPath\":\"/nix/store/".length();
    String after = before.substring(0, at) + "0000000000" + before.substring(at + 10);
    Path b = dir.resolve("before.jsonl");
    Path a = dir.resolve("after.jsonl");
    Files.writeString(b, before);
    Files.writeString(a, after);
    Cli r = Cli.run("impact", "--before", b.toString(), "--after", a.toString(), "--labels");
    assertEquals(0, r.exitCode, r.toString());
    HttpResponse<byte[]> h =
        CLIENT.send(
            HttpRequest.newBuilder(uri("/v1/labels"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(Map.of("before", before, "after", after))))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, h.statusCode(), new String(h.body(), StandardCharsets.UTF_8));
    List<String> labels = new ArrayList<>();
    JSON.readTree(h.body()).get("labels").forEach(l -> labels.add(l.asText()));
    assertEquals(r.out, String.join("\n", labels) + "\n");
  }

  private static String graphFile(String graph) {
    return graph.equals("debian") ? DEBIAN.toString() : Cli.SAMPLE;
  }

  private static URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
  }

  private static HttpResponse<byte[]> get(String pathAndQuery) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(uri(pathAndQuery)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }
}
