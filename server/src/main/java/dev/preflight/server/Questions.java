package dev.preflight.server;

import dev.preflight.graph.InputException;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.io.GraphFormat;
import dev.preflight.impact.SnapshotDiff;
import dev.preflight.report.CostFormat;
import dev.preflight.report.ImpactFormat;
import dev.preflight.report.Json;
import dev.preflight.report.OutputTarget;
import dev.preflight.report.PlanFormat;
import dev.preflight.report.PlanReport;
import dev.preflight.report.RiskFormat;
import dev.preflight.report.question.ChangeSpec;
import dev.preflight.report.question.ClusterSpec;
import dev.preflight.report.question.CostQuestion;
import dev.preflight.report.question.Env;
import dev.preflight.report.question.ImpactQuestion;
import dev.preflight.report.question.PlanQuestion;
import dev.preflight.report.question.RiskQuestion;
import dev.preflight.report.question.ScheduleSpec;
import dev.preflight.report.render.Ansi;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The four questions and the labels, from query parameters to the JSON the command line prints with
 * {@code --format json}: the parameters become the same request records ({@code
 * dev.preflight.report.question}) and the answers go through the same renderers, so the bodies are
 * byte for byte the command's output. Parameters that name files on the command line ({@code
 * --changes-file}, {@code --cluster}, {@code --history}, {@code --settings}) have no query
 * parameter: a client cannot make the server read its files.
 */
final class Questions {
  /** The change and its graph, as the CLI's {@code ChangeSubjectOptions} (and {@code --policy}). */
  private static final Set<String> SUBJECT = Set.of("graph", "change", "pin", "policy");

  /**
   * The cluster, its what-ifs and the schedule, as the CLI's {@code SimulationOptions}: one list
   * for both simulating endpoints, so cost and plan cannot drift apart.
   */
  private static final Set<String> SIMULATION =
      Set.of(
          "builders",
          "slots",
          "price",
          "autoscale",
          "currency",
          "scheduler",
          "order",
          "channel",
          "sizes",
          "samples",
          "seed");

  /**
   * {@code samples} is the simulating endpoints' duration draws; on impact and risk it is the old
   * name of {@code cutoff-trials} and {@code sample-builds}, still accepted as the CLI's hidden
   * {@code --samples} is there.
   */
  private static final String OLD_SAMPLES = "samples";

  static final Set<String> IMPACT =
      union(SUBJECT, Set.of("list", "cutoff-trials", OLD_SAMPLES, "seed"));
  static final Set<String> LABELS = SUBJECT;
  static final Set<String> LABELS_POST = Set.of("graph", "pin", "policy", "input-format");
  static final Set<String> COST =
      union(SUBJECT, SIMULATION, Set.of("all", "fail-red", "failure-rate"));
  static final Set<String> RISK =
      union(
          SUBJECT,
          Set.of(
              "confidence", "margin", "budget-hours", "sample-builds", OLD_SAMPLES, "top", "list"));
  static final Set<String> PLAN = union(SUBJECT, SIMULATION, Set.of("deadline", "top", "list"));

  @SafeVarargs
  private static Set<String> union(Set<String>... parts) {
    Set<String> all = new java.util.HashSet<>();
    for (Set<String> part : parts) {
      all.addAll(part);
    }
    return Set.copyOf(all);
  }

  private final Env env;

  Questions(Env env) {
    this.env = env;
  }

  String impact(PackageGraph g, Params p) {
    ImpactQuestion.Answer a = ImpactQuestion.answer(g, impactRequest(p, null), env);
    return ImpactFormat.JSON.render(a.report(), a.graph(), p.flag("list"), env.settings().impact());
  }

  /** {@code impact --labels}: the labels and the rebuild count they come from. */
  String labels(PackageGraph g, Params p) {
    return labelsJson(ImpactQuestion.answer(g, impactRequest(p, null), env));
  }

  /**
   * {@code impact --before B --after A --labels}: the labels of the change between two snapshots
   * (nix-eval-jobs JSON lines unless {@code input-format} says otherwise), answered on {@code
   * after}.
   */
  String labelsOfSnapshots(String before, String after, Params p) {
    String format = p.string("input-format");
    String fmt = format == null ? GraphFormat.NIX_EVAL_JOBS.formatName() : format;
    try {
      GraphFormat.byName(fmt);
    } catch (InputException e) {
      throw ApiError.badRequest("input-format", e.getMessage());
    }
    Path dir = null;
    try {
      dir = Files.createTempDirectory("preflight-labels");
      PackageGraph old = read(dir.resolve("before"), before, fmt, "before");
      PackageGraph now = read(dir.resolve("after"), after, fmt, "after");
      ImpactQuestion.Request r = impactRequest(p, SnapshotDiff.of(old, now));
      return labelsJson(ImpactQuestion.answer(now, r, env));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (dir != null) {
        deleteQuietly(dir);
      }
    }
  }

  private static PackageGraph read(Path file, String text, String format, String part)
      throws IOException {
    Files.writeString(file, text);
    try {
      return GraphFormat.load(file, format, dev.preflight.graph.Progress.NONE);
    } catch (InputException e) {
      throw ApiError.badRequest(
          part, part + ": " + (e.location() == null ? "" : e.location() + ": ") + e.problem());
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // A temporary directory left behind is not worth failing the answer.
    }
  }

  private static String labelsJson(ImpactQuestion.Answer a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schemaVersion", 1);
    m.put("rebuildCount", a.report().rebuildCount());
    m.put("labels", a.report().labels());
    return Json.pretty(m) + "\n";
  }

  private static ImpactQuestion.Request impactRequest(Params p, SnapshotDiff diff) {
    return new ImpactQuestion.Request(
        new ChangeSpec(p.list("change"), null),
        p.list("pin"),
        p.string("policy"),
        p.integer("cutoff-trials", OLD_SAMPLES),
        p.longValue("seed"),
        diff);
  }

  String cost(PackageGraph g, Params p) {
    CostQuestion.Request r =
        new CostQuestion.Request(
            new ChangeSpec(p.list("change"), null),
            p.flag("all"),
            p.list("pin"),
            p.string("policy"),
            cluster(p),
            schedule(p),
            null,
            p.flag("fail-red"),
            p.number("failure-rate"));
    return CostFormat.JSON.render(CostQuestion.answer(g, r, env));
  }

  String risk(PackageGraph g, Params p) {
    RiskQuestion.Request r =
        new RiskQuestion.Request(
            new ChangeSpec(p.list("change"), null),
            p.list("pin"),
            p.string("policy"),
            p.number("confidence"),
            p.number("margin"),
            p.number("budget-hours"),
            p.integer("sample-builds", OLD_SAMPLES),
            p.integer("top"),
            p.flag("list"),
            null,
            null);
    r.check(env.settings());
    return RiskFormat.JSON.render(RiskQuestion.answer(g, r, env));
  }

  String plan(PackageGraph g, Params p) {
    PlanQuestion.Request r =
        new PlanQuestion.Request(
            new ChangeSpec(p.list("change"), null),
            p.list("pin"),
            p.string("policy"),
            cluster(p),
            schedule(p),
            null,
            p.string("deadline"),
            p.integer("top"));
    PlanReport plan = PlanQuestion.answer(g, r, env);
    StringWriter out = new StringWriter();
    try (PrintWriter w = new PrintWriter(out)) {
      PlanFormat.JSON.write(plan, new OutputTarget(w, null), Ansi.off(), p.flag("list"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static ClusterSpec cluster(Params p) {
    return new ClusterSpec(
        null,
        null,
        p.integer("builders"),
        p.integer("slots"),
        p.list("price"),
        p.list("autoscale"),
        p.string("currency"));
  }

  private static ScheduleSpec schedule(Params p) {
    return new ScheduleSpec(
        p.string("scheduler"),
        p.string("order"),
        p.list("channel"),
        p.integers("sizes"),
        p.integer("samples", 0),
        p.longValue("seed"));
  }

  /** The names of the parameters every question endpoint takes, for the OpenAPI test. */
  static List<Set<String>> all() {
    return List.of(IMPACT, LABELS, LABELS_POST, COST, RISK, PLAN);
  }
}
