package dev.preflight.server;

import dev.preflight.graph.InputException;
import dev.preflight.graph.Progress;
import dev.preflight.report.Json;
import dev.preflight.report.question.Env;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * {@code preflight serve}: Javalin 7 on Jetty 12 in front of a {@link GraphStore}.
 *
 * <p>Every API answer runs on a worker pool under a semaphore of {@link
 * ServerConfig#maxConcurrent()} permits: a request that finds none is refused at once with 429
 * (queueing would only turn a burst into timeouts); one that takes longer than {@link
 * ServerConfig#timeoutMillis()} is answered 503 while its computation finishes in the background
 * still holding its permit, so abandoned work cannot pile up. Stopping (SIGTERM) first stops
 * accepting, then Jetty's {@link GracefulHandler} waits up to {@link ServerConfig#drainMillis()}
 * for requests in flight.
 *
 * <p>Security: binds loopback unless a token is given ({@link #checkBind}); the token is compared
 * in constant time on its SHA-256 ({@link MessageDigest#isEqual}); CORS headers only for the one
 * configured origin; no request parameter names a file on the server.
 */
public final class PreflightServer implements AutoCloseable {
  private static final String JSON = "application/json; charset=utf-8";
  private static final String ROUTE = "preflight.route";
  private static final String STARTED = "preflight.started";

  private final ServerConfig config;
  private final GraphStore store;
  private final Metrics metrics;
  private final ExecutorService compute;
  private final ExecutorService workers;
  private final Semaphore permits;
  private final AnswerCache cache;
  private final Questions questions;
  private final Catalog catalog;
  private final byte[] tokenHash;
  private final Javalin app;
  private volatile boolean stopping;
  private final List<String> routes = new java.util.concurrent.CopyOnWriteArrayList<>();

  private PreflightServer(ServerConfig config, Consumer<RoutesConfig> extraRoutes) {
    this.config = config;
    checkBind(config.host(), config.token());
    this.tokenHash = config.token() == null ? null : sha256(config.token());
    this.store = new GraphStore(config.graphs(), config.log(), Clock.systemUTC());
    this.metrics = new Metrics(store);
    this.compute = daemonPool("preflight-compute", config.threads());
    this.workers =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "preflight-answer");
              t.setDaemon(true);
              return t;
            });
    this.permits = new Semaphore(config.maxConcurrent());
    this.cache = new AnswerCache(config.cacheChars());
    Env env = new Env(config.settings(), compute, config.threads(), Progress.NONE, null);
    this.questions = new Questions(env);
    this.catalog = new Catalog(store, config.settings(), compute, config.threads());
    this.app = Javalin.create(cfg -> configure(cfg, extraRoutes));
  }

  /** Loads the graphs and starts listening; fails with an {@link InputException} on bad config. */
  public static PreflightServer start(ServerConfig config) {
    return start(config, r -> {});
  }

  /** As {@link #start(ServerConfig)}, with routes a test adds (a slow endpoint). */
  static PreflightServer start(ServerConfig config, Consumer<RoutesConfig> extraRoutes) {
    PreflightServer s = new PreflightServer(config, extraRoutes);
    s.app.start(config.host(), config.port());
    s.store.watch(config.watchMillis());
    return s;
  }

  /** The port listened on (the chosen one when the config said 0). */
  public int port() {
    return app.port();
  }

  /** Every route registered, as {@code METHOD /path} (the OpenAPI test reads it). */
  List<String> routes() {
    return List.copyOf(routes);
  }

  /** The graph names served, the default first. */
  public List<String> graphs() {
    return store.names();
  }

  /**
   * A non-loopback address without a token would let anyone on the network ask: refused, as the
   * issue asks ("binds 127.0.0.1 by default and refuses a non-loopback bind without a token").
   */
  public static void checkBind(String host, String token) {
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw InputException.of("--host '" + host + "' is not an address of this machine");
    }
    if (!address.isLoopbackAddress() && token == null) {
      throw InputException.of(
          "--host "
              + host
              + " is reachable from other machines: give --token-file FILE so every request"
              + " must carry the token (or bind 127.0.0.1)");
    }
  }

  private void configure(io.javalin.config.JavalinConfig cfg, Consumer<RoutesConfig> extra) {
    cfg.startup.showJavalinBanner = false;
    cfg.startup.showOldJavalinVersionWarning = false;
    cfg.http.maxRequestSize = config.maxBodyBytes();
    cfg.http.defaultContentType = JSON;
    cfg.jetty.modifyServer(
        server -> {
          server.insertHandler(new GracefulHandler());
          server.setStopTimeout(config.drainMillis());
        });
    cfg.staticFiles.add(
        s -> {
          s.hostedPath = "/";
          s.directory = "/public";
          s.location = Location.CLASSPATH;
        });
    cfg.requestLogger.http(this::logRequest);
    cfg.events.handlerAdded(
        h -> {
          String m = h.getHttpMethod().name();
          if (!m.equals("BEFORE") && !m.equals("AFTER") && !m.equals("OPTIONS")) {
            routes.add(m + " " + h.getPath());
          }
        });
    RoutesConfig r = cfg.routes;
    r.before(
        ctx -> {
          ctx.attribute(STARTED, System.nanoTime());
          cors(ctx);
          authorize(ctx);
        });
    r.get("/healthz", ctx -> plain(ctx, "/healthz", "ok\n"));
    r.get("/readyz", this::readyz);
    r.get(
        "/metrics",
        ctx -> {
          ctx.attribute(ROUTE, "/metrics");
          ctx.contentType(Metrics.contentType()).result(metrics.scrape());
        });
    r.get("/v1/openapi.json", ctx -> json(ctx, "/v1/openapi.json", openApi()));
    r.get("/v1/graphs", ctx -> json(ctx, "/v1/graphs", catalog.graphs()));
    r.post("/v1/graphs/{name}/reload", this::reload);
    api(r, "/v1/impact", Questions.IMPACT, (s, p) -> questions.impact(s.graph, p));
    api(r, "/v1/cost", Questions.COST, (s, p) -> questions.cost(s.graph, p));
    api(r, "/v1/risk", Questions.RISK, (s, p) -> questions.risk(s.graph, p));
    api(r, "/v1/plan", Questions.PLAN, (s, p) -> questions.plan(s.graph, p));
    api(r, "/v1/labels", Questions.LABELS, (s, p) -> questions.labels(s.graph, p));
    api(r, "/v1/profile", Catalog.PROFILE, catalog::profile);
    api(r, "/v1/packages", Catalog.PACKAGES, catalog::packages);
    r.post("/v1/labels", this::labelsOfSnapshots);
    if (config.corsOrigin() != null) {
      r.options("/v1/*", ctx -> ctx.status(204));
    }
    r.exception(ApiError.class, (e, ctx) -> error(ctx, e));
    r.error(
        404,
        ctx -> {
          if (ctx.attribute(ROUTE) == null && !ctx.path().startsWith("/v1/graphs/")) {
            error(
                ctx,
                new ApiError(
                    404,
                    null,
                    "no such endpoint: "
                        + ctx.method()
                        + " "
                        + ctx.path()
                        + " (see /v1/openapi.json)",
                    null));
          }
        });
    r.error(
        413,
        ctx ->
            error(
                ctx,
                new ApiError(
                    413, null, "request body over " + config.maxBodyBytes() + " bytes", null)));
    extra.accept(r);
  }

  /**
   * GET endpoint {@code path}: parameters checked, graph chosen, answer computed under a permit.
   */
  private void api(
      RoutesConfig r, String path, Set<String> known, BiFunction<Snapshot, Params, String> answer) {
    r.get(
        path,
        ctx -> {
          ctx.attribute(ROUTE, path);
          Params p = new Params(ctx.queryParamMap(), known);
          Snapshot s = snapshot(p.string("graph"));
          String key = AnswerCache.key(s, path, ctx.queryString());
          String noCache = ctx.header("Cache-Control");
          boolean bypass = noCache != null && noCache.contains("no-cache");
          String cached = bypass ? null : cache.get(key);
          ctx.header("X-Preflight-Cache", cached != null ? "hit" : bypass ? "bypass" : "miss");
          if (cached != null) {
            json(ctx, path, cached);
            return;
          }
          String body = compute(() -> answer.apply(s, p));
          cache.put(key, body);
          json(ctx, path, body);
        });
  }

  private void labelsOfSnapshots(Context ctx) {
    ctx.attribute(ROUTE, "/v1/labels");
    Params p = new Params(ctx.queryParamMap(), Questions.LABELS_POST);
    String before;
    String after;
    if (ctx.isMultipartFormData()) {
      before = part(ctx, "before");
      after = part(ctx, "after");
    } else {
      Map<?, ?> body;
      try {
        body = new com.fasterxml.jackson.databind.ObjectMapper().readValue(ctx.body(), Map.class);
      } catch (IOException e) {
        throw ApiError.badRequest(
            "body",
            "the body must be JSON {\"before\": \"...\", \"after\": \"...\"} or multipart"
                + " form data with parts before and after");
      }
      before = text(body, "before");
      after = text(body, "after");
    }
    String b = before;
    String a = after;
    json(ctx, "/v1/labels", compute(() -> questions.labelsOfSnapshots(b, a, p)));
  }

  private static String part(Context ctx, String name) {
    var file = ctx.uploadedFile(name);
    if (file == null) {
      String field = ctx.formParam(name);
      if (field != null) {
        return field;
      }
      throw ApiError.badRequest(name, "the multipart body has no part '" + name + "'");
    }
    try (InputStream in = file.content()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw ApiError.badRequest(name, "cannot read part '" + name + "': " + e.getMessage());
    }
  }

  private static String text(Map<?, ?> body, String name) {
    Object v = body.get(name);
    if (!(v instanceof String s)) {
      throw ApiError.badRequest(name, "the JSON body needs a string '" + name + "'");
    }
    return s;
  }

  private Snapshot snapshot(String name) {
    String n = name == null ? store.defaultName() : name;
    Snapshot s = store.get(n);
    if (s == null) {
      throw ApiError.notFound("graph", "unknown graph '" + n + "'", store.names());
    }
    return s;
  }

  /** Runs {@code answer} on a worker under a permit, within the request timeout. */
  String compute(java.util.concurrent.Callable<String> answer) {
    if (!permits.tryAcquire()) {
      metrics.rejected("busy");
      throw new ApiError(
          429,
          null,
          "busy: " + config.maxConcurrent() + " answers are being computed; retry",
          null);
    }
    Future<String> f;
    try {
      f =
          workers.submit(
              () -> {
                try {
                  return answer.call();
                } finally {
                  permits.release();
                }
              });
    } catch (RuntimeException e) {
      permits.release();
      throw e;
    }
    try {
      return f.get(config.timeoutMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new ApiError(
          503, null, "the answer took longer than " + config.timeoutMillis() + " ms", null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiError(503, null, "interrupted", null);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof ApiError a) {
        throw a;
      }
      if (c instanceof InputException ie) {
        throw ApiError.of(ie, "change");
      }
      if (c instanceof java.io.UncheckedIOException u) {
        throw new ApiError(400, null, u.getMessage(), null);
      }
      config.log().println("preflight: internal error: " + c);
      c.printStackTrace(config.log());
      throw new ApiError(500, null, "internal error: " + c, null);
    }
  }

  private void reload(Context ctx) {
    ctx.attribute(ROUTE, "/v1/graphs/{name}/reload");
    String name = ctx.pathParam("name");
    GraphStore.Reload r = store.reload(name);
    if (r == null) {
      throw ApiError.notFound("name", "unknown graph '" + name + "'", store.names());
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schemaVersion", 1);
    m.put("graph", name);
    m.put("reloaded", r.swapped());
    if (r.error() != null) {
      m.put("error", r.error());
    }
    m.put("nodes", r.current().graph.nodeCount());
    m.put("loadedAt", r.current().loadedAt.toString());
    m.put("generation", r.current().generation);
    ctx.status(r.swapped() ? 200 : 422);
    json(ctx, "/v1/graphs/{name}/reload", Json.pretty(m) + "\n");
  }

  private void readyz(Context ctx) {
    ctx.attribute(ROUTE, "/readyz");
    boolean ready = !stopping && store.ready();
    ctx.status(ready ? 200 : 503);
    plain(ctx, "/readyz", ready ? "ready\n" : "not ready\n");
  }

  private void authorize(Context ctx) {
    if (tokenHash == null) {
      return;
    }
    String path = ctx.path();
    if (!path.startsWith("/v1/") && !path.equals("/metrics")) {
      return; // probes and the page
    }
    if ("OPTIONS".equals(ctx.method().name())) {
      return; // a CORS preflight carries no credentials
    }
    String h = ctx.header("Authorization");
    String given = h != null && h.startsWith("Bearer ") ? h.substring(7).strip() : "";
    if (!MessageDigest.isEqual(sha256(given), tokenHash)) {
      metrics.rejected("unauthorized");
      ctx.header("WWW-Authenticate", "Bearer");
      throw new ApiError(401, null, "missing or wrong bearer token", null);
    }
  }

  private void cors(Context ctx) {
    String origin = ctx.header("Origin");
    if (config.corsOrigin() != null && config.corsOrigin().equals(origin)) {
      ctx.header("Access-Control-Allow-Origin", origin);
      ctx.header("Vary", "Origin");
      ctx.header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
      ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type");
      ctx.header("Access-Control-Max-Age", "600");
    }
  }

  private static void json(Context ctx, String route, String body) {
    ctx.attribute(ROUTE, route);
    ctx.contentType(JSON).result(body.getBytes(StandardCharsets.UTF_8));
  }

  private static void plain(Context ctx, String route, String body) {
    ctx.attribute(ROUTE, route);
    ctx.contentType("text/plain; charset=utf-8").result(body);
  }

  private static void error(Context ctx, ApiError e) {
    ctx.status(e.status);
    if (e.status == 429 || e.status == 503) {
      ctx.header("Retry-After", "1");
    }
    ctx.contentType(JSON).result(Json.pretty(e.json()) + "\n");
  }

  private static String openApi() {
    try (InputStream in = PreflightServer.class.getResourceAsStream("openapi.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("openapi.json is missing from the server jar", e);
    }
  }

  /** One line per request on the log: time, client, method, path and query, status, ms, bytes. */
  private void logRequest(Context ctx, Float ms) {
    try {
      logRequestLine(ctx, ms);
    } catch (RuntimeException e) {
      config.log().println("preflight: access log: " + e);
    }
  }

  private void logRequestLine(Context ctx, Float ms) {
    String route = ctx.attribute(ROUTE);
    int status = ctx.statusCode();
    Long started = ctx.attribute(STARTED);
    double seconds = started == null ? ms / 1000.0 : (System.nanoTime() - started) / 1e9;
    metrics.request(route == null ? "other" : route, ctx.method().name(), status, seconds);
    String q = ctx.queryString();
    String len = ctx.res().getHeader("Content-Length");
    config
        .log()
        .printf(
            java.util.Locale.ROOT,
            "%s %s %s %s %d %.2fms %s%n",
            Instant.now(),
            ctx.ip(),
            ctx.method().name(),
            q == null ? ctx.path() : ctx.path() + "?" + q,
            status,
            seconds * 1000,
            len == null ? "-" : len + "B");
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ExecutorService daemonPool(String name, int threads) {
    return Executors.newFixedThreadPool(
        Math.max(1, threads),
        r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          return t;
        });
  }

  /** Stops accepting, waits for requests in flight (up to the drain time), frees the pools. */
  @Override
  public void close() {
    stopping = true;
    app.stop();
    store.close();
    workers.shutdownNow();
    compute.shutdownNow();
  }
}
