// A constant-rate HTTP load generator for scripts/load-test.sh (single-file source launch, JDK 17+,
// no dependencies):
//   java scripts/LoadTest.java URL RATE SECONDS [STOP_FILE]
// Requests are scheduled at fixed times (start + i / RATE) and each latency is measured from its
// scheduled time, not from when it was sent: a stall of the server then shows as the latency of
// every request that should have been sent during it (wrk2's correction of coordinated omission;
// plain wrk is closed-loop and measures throughput, not latency at a rate). Prints one line:
//   rate=500 sent=10000 ok=10000 failed=0 p50_ms=0.71 p90_ms=1.02 p99_ms=2.40 max_ms=9.80 achieved=500.0
// With NO_CACHE=1 in the environment every request carries Cache-Control: no-cache (the server then
// computes each answer instead of serving a repeated one from its cache). With STOP_FILE, sending stops early once that file exists (the reload test's load runs until the
// reloads are done). Exit 1 when any request failed (a status other than 200 or an I/O error).
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

final class LoadTest {
  public static void main(String[] args) throws Exception {
    URI uri = URI.create(args[0]);
    double rate = Double.parseDouble(args[1]);
    double seconds = Double.parseDouble(args[2]);
    int total = (int) Math.round(rate * seconds);
    java.nio.file.Path stop = args.length > 3 ? java.nio.file.Path.of(args[3]) : null;
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(4))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
    if ("1".equals(System.getenv("NO_CACHE"))) {
      rb.header("Cache-Control", "no-cache");
    }
    HttpRequest request = rb.build();
    long[] latency = new long[total];
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(total);
    int sent = 0;
    long start = System.nanoTime() + 50_000_000L;
    long intervalNanos = (long) (1e9 / rate);
    for (int i = 0; i < total; i++) {
      if (stop != null && i % 50 == 0 && java.nio.file.Files.exists(stop)) {
        for (int k = i; k < total; k++) {
          done.countDown();
        }
        break;
      }
      sent++;
      long scheduled = start + i * intervalNanos;
      long wait;
      while ((wait = scheduled - System.nanoTime()) > 0) {
        if (wait > 200_000) {
          TimeUnit.NANOSECONDS.sleep(wait - 100_000);
        } else {
          Thread.onSpinWait();
        }
      }
      int index = i;
      client
          .sendAsync(request, HttpResponse.BodyHandlers.discarding())
          .whenComplete(
              (r, e) -> {
                latency[index] = System.nanoTime() - scheduled;
                if (e == null && r.statusCode() == 200) {
                  ok.incrementAndGet();
                } else {
                  failed.incrementAndGet();
                }
                done.countDown();
              });
    }
    if (!done.await(60, TimeUnit.SECONDS)) {
      System.out.println("timed out waiting for answers");
      System.exit(2);
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    long[] sorted = Arrays.copyOf(latency, sent);
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "rate=%.0f sent=%d ok=%d failed=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f"
            + " achieved=%.1f%n",
        rate,
        sent,
        ok.get(),
        failed.get(),
        pct(sorted, 0.50),
        pct(sorted, 0.90),
        pct(sorted, 0.99),
        sorted[sorted.length - 1] / 1e6,
        ok.get() / elapsed);
    System.exit(failed.get() == 0 ? 0 : 1);
  }

  private static double pct(long[] sorted, double q) {
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }
}
