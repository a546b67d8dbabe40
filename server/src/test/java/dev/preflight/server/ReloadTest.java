package dev.preflight.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reloads swap whole snapshots: none fails a request, a broken file keeps the old graph. */
final class ReloadTest {
  @TempDir Path dir;

  private static final String TINY =
      "{\"schemaVersion\":1,\"nodes\":[{\"id\":\"zlib\"},{\"id\":\"curl\"}],"
          + "\"edges\":[[\"curl\",\"zlib\"]]}";

  @Test
  void reloadUnderConcurrentRequests_noRequestFails() throws Exception {
    Path file = dir.resolve("g.json");
    Files.copy(TestServer.SAMPLE, file);
    try (TestServer t =
        TestServer.start(b -> b.graphs = List.of(new GraphSource("g", file, null)))) {
      String expected = t.get("/v1/impact?change=zlib").body();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger answered = new AtomicInteger();
      ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      ExecutorService clients = Executors.newFixedThreadPool(4);
      List<Future<?>> running = new java.util.ArrayList<>();
      for (int c = 0; c < 4; c++) {
        running.add(
            clients.submit(
                () -> {
                  while (!stop.get()) {
                    HttpResponse<String> r = t.get("/v1/impact?change=zlib");
                    if (r.statusCode() != 200 || !r.body().equals(expected)) {
                      failures.add(r.statusCode() + " " + r.body());
                    }
                    answered.incrementAndGet();
                  }
                }));
      }
      long generation = 0;
      for (int i = 0; i < 20; i++) {
        HttpResponse<String> r = t.post("/v1/graphs/g/reload", "application/json", "");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode j = TestServer.json(r);
        assertTrue(j.get("reloaded").asBoolean());
        assertTrue(j.get("generation").asLong() > generation);
        generation = j.get("generation").asLong();
      }
      stop.set(true);
      for (Future<?> f : running) {
        f.get(30, TimeUnit.SECONDS);
      }
      clients.shutdown();
      assertTrue(failures.isEmpty(), failures.size() + " failed: " + failures.peek());
      assertTrue(answered.get() > 20, "only " + answered.get() + " requests");
      assertTrue(
          t.get("/metrics")
              .body()
              .contains("preflight_graph_reloads_total{graph=\"g\",result=\"ok\"} 20.0"));
    }
  }

  @Test
  void failedReload_keepsTheOldGraphAndSaysWhy() throws Exception {
    Path file = dir.resolve("g.json");
    Files.copy(TestServer.SAMPLE, file);
    try (TestServer t =
        TestServer.start(b -> b.graphs = List.of(new GraphSource("g", file, null)))) {
      String before = t.get("/v1/impact?change=zlib").body();
      Files.writeString(file, "{\"schemaVersion\":1,\"nodes\":[{\"id\":");
      HttpResponse<String> r = t.post("/v1/graphs/g/reload", "application/json", "");
      assertEquals(422, r.statusCode(), r.body());
      JsonNode j = TestServer.json(r);
      assertFalse(j.get("reloaded").asBoolean());
      assertTrue(j.get("error").asText().contains("g.json"), r.body());
      assertEquals(33, j.get("nodes").asInt());
      assertEquals(before, t.get("/v1/impact?change=zlib").body());
      assertTrue(t.log.toString().contains("reload failed, still serving the old graph"));
      ServerContractTest.errorOf(
          t.post("/v1/graphs/nope/reload", "application/json", ""), "unknown", 404, "name");
    }
  }

  @Test
  void watcher_reloadsAChangedFile() throws Exception {
    Path file = dir.resolve("g.json");
    Files.copy(TestServer.SAMPLE, file);
    try (TestServer t =
        TestServer.start(
            b -> {
              b.graphs = List.of(new GraphSource("g", file, null));
              b.watchMillis = 50;
            })) {
      Path tmp = dir.resolve("g.json.tmp");
      Files.writeString(tmp, TINY);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      int nodes = 33;
      while (nodes == 33 && System.nanoTime() < deadline) {
        Thread.sleep(20);
        nodes = TestServer.json(t.get("/v1/graphs")).get("graphs").get(0).get("nodes").asInt();
      }
      assertEquals(2, nodes);
    }
  }
}
