package dev.preflight.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.preflight.graph.InputException;
import dev.preflight.graph.Names;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.graph.io.GraphFormat;
import dev.preflight.impact.ChangeResolver;
import dev.preflight.impact.Changes;
import dev.preflight.impact.CutoffSimulation;
import dev.preflight.impact.CutoffStats;
import dev.preflight.impact.ImpactAnalysis;
import dev.preflight.impact.ImpactProfile;
import dev.preflight.impact.ImpactReport;
import dev.preflight.impact.Policy;
import dev.preflight.impact.ProfileEngines;
import dev.preflight.impact.RebuildSet;
import dev.preflight.impact.SnapshotDiff;
import dev.preflight.settings.ImpactSettings;
import dev.preflight.settings.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code preflight impact}: which builds a change triggers, and the impact profile. */
@Command(
    name = "impact",
    mixinStandardHelpOptions = true,
    description = {
      "Which builds a change triggers, per system and kernel, with ofborg labels.",
      "The rebuild set under a propagation policy, counts per system and kernel, ofborg labels"
          + " and the longest rebuild chain; or, with --profile, every node's rebuild count if it"
          + " alone changed."
    },
    footer = {
      "",
      "A change is an id, a name (all systems), name.system or name@system, an alias, a glob",
      "(lib*, python3Packages.*) or a file of them. Unknown names exit 2 with the closest ones.",
      "",
      "Examples:",
      "  preflight impact --change zlib",
      "  preflight impact --change openssl --policy direct --list --format json",
      "  preflight impact --changes-file changes.txt --fail-above 500 --labels",
      "  preflight impact --change zlib --pin debhelper,gcc-12",
      "  preflight impact --before old.json --after new.json",
      "  preflight impact --profile --top 10"
    })
final class ImpactCommand implements Callable<Integer> {
  @Mixin GraphOptions graphOptions;

  @Mixin PinOptions pinOptions;

  @Option(
      names = {"-c", "--change"},
      paramLabel = "NAME",
      arity = "1..*",
      split = ",",
      description = "Changed packages: ids, names, name.system, aliases or globs.")
  List<String> changes = new ArrayList<>();

  @Option(
      names = "--changes-file",
      paramLabel = "FILE",
      description = "A file of changes, one per line; # starts a comment.")
  Path changesFile;

  @Option(
      names = {"-p", "--policy"},
      completionCandidates = Completions.Policies.class,
      paramLabel = "POLICY",
      description =
          "transitive, direct, local, cutoff, binnmu or static "
              + "(default: the graph's own: binnmu for a Debian graph, transitive otherwise).")
  String policy;

  @Option(names = "--list", description = "Also list the rebuilt packages' names.")
  boolean list;

  @Option(
      names = "--labels",
      description = "Print only the ofborg label lines (for bots), whatever the --format.")
  boolean labelsOnly;

  @Option(
      names = "--fail-above",
      paramLabel = "N",
      description = "Exit 1 when the rebuild count is above N (a CI gate).")
  Integer failAbove;

  @Option(
      names = "--before",
      paramLabel = "FILE",
      description = "Snapshot before the change; with --after, its changed nodes are the change.")
  Path before;

  @Option(
      names = "--after",
      paramLabel = "FILE",
      description = "Snapshot after the change (the graph the closure runs on).")
  Path after;

  @Option(
      names = "--profile",
      description = "Every node's rebuild count if it alone changed, most dangerous first.")
  boolean profile;

  @Option(
      names = "--top",
      paramLabel = "N",
      description =
          "With --profile: only the first N rows, 0 for none (table default 20, others all).")
  Integer top;

  @Option(
      names = "--samples",
      paramLabel = "N",
      description = "cutoff: Monte Carlo trials (default from settings: 1000).")
  Integer samples;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "cutoff: seed of the trials (default from settings: 1).")
  Long seed;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Worker threads for the profile, big changes and cutoff (default: cores).")
  Integer threads;

  @Option(
      names = "--settings",
      paramLabel = "FILE",
      description = "Settings overriding the built-in defaults (same shape as defaults.json).")
  Path settingsFile;

  @Option(
      names = {"-f", "--format"},
      completionCandidates = Completions.ImpactFormats.class,
      paramLabel = "FORMAT",
      defaultValue = "table",
      description =
          "table, json, csv or markdown (a pull-request comment); arrow for --profile, with -o"
              + " (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write to FILE instead of stdout.")
  Path output;

  @Spec CommandSpec spec;

  private enum Format {
    TABLE,
    JSON,
    CSV,
    MARKDOWN,
    ARROW;

    static Format parse(String name) {
      for (Format f : values()) {
        if (f.name().equalsIgnoreCase(name)) {
          return f;
        }
      }
      throw Names.unknown("--format", name, Completions.IMPACT_FORMATS);
    }
  }

  @Override
  public Integer call() throws java.io.IOException {
    Format fmt = Format.parse(format);
    Policy chosen = policy == null ? null : Policy.parse(policy);
    checkOptionCombinations();
    ImpactSettings settings =
        (settingsFile == null ? Settings.defaults() : Settings.load(settingsFile)).impact();
    int nThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    if (nThreads < 1) {
      throw InputException.of("--threads must be at least 1");
    }
    if (failAbove != null && failAbove < 0) {
      // A negative gate would fail every run, an empty rebuild included.
      throw InputException.of("--fail-above must be >= 0, got " + failAbove);
    }
    Progress progress = TerminalProgress.forStderr();
    PackageGraph graph;
    SnapshotDiff diff = null;
    if (after != null) {
      PackageGraph old = GraphFormat.load(before, graphOptions.inputFormat, progress);
      graph = GraphFormat.load(after, graphOptions.inputFormat, progress);
      diff = SnapshotDiff.of(old, graph);
    } else {
      graph = graphOptions.load(progress);
    }
    // After the snapshot diff: the diff compares the graphs as they are, the closure runs on the
    // cut.
    graph = pinOptions.apply(graph);
    OutputTarget out = new OutputTarget(spec.commandLine().getOut(), output);
    ExecutorService executor =
        nThreads > 1 ? Executors.newFixedThreadPool(nThreads, daemon()) : null;
    try {
      ImpactAnalysis analysis = new ImpactAnalysis(graph, settings, executor, nThreads);
      if (profile) {
        ImpactProfile p = analysis.profile(ProfileEngines.BITSET, progress);
        int limit = top != null ? top : fmt == Format.TABLE ? 20 : graph.nodeCount();
        List<ImpactProfile.Row> rows = p.rows(graph, limit);
        if (fmt == Format.ARROW) {
          List<String> pins = graph.pinNames();
          out.writeBinary(stream -> ProfileArrow.write(rows, pins, stream));
        } else {
          out.writeText(renderProfile(rows, graph.nodeCount(), fmt, graph.pinNames()));
        }
        return ExitCodes.OK;
      }
      Changes resolved = resolve(graph, diff);
      Policy pol = chosen != null ? chosen : Policy.defaultFor(graph);
      ImpactReport report =
          analysis.analyze(
              resolved,
              pol,
              samples != null ? samples : settings.cutoffSamples(),
              seed != null ? seed : settings.seed());
      if (labelsOnly) {
        out.writeText(String.join("\n", report.labels()) + "\n");
      } else {
        out.writeText(
            switch (fmt) {
              case JSON -> Json.pretty(toJson(report, list, settings)) + "\n";
              case CSV -> csv(report, graph);
              case MARKDOWN -> Markdown.impact(report, "## Preflight: rebuild impact");
              case TABLE -> table(report, list);
              case ARROW -> throw new IllegalStateException("rejected in checkOptionCombinations");
            });
      }
      if (failAbove != null && report.rebuildCount() > failAbove) {
        spec.commandLine()
            .getErr()
            .printf(
                "preflight: rebuild count %d is above --fail-above %d%n",
                report.rebuildCount(), failAbove);
        spec.commandLine().getErr().flush();
        return ExitCodes.CHECK_FAILED;
      }
      return ExitCodes.OK;
    } finally {
      if (executor != null) {
        executor.shutdownNow();
      }
    }
  }

  private void checkOptionCombinations() {
    if ((before == null) != (after == null)) {
      throw InputException.of("--before and --after go together: name both snapshots");
    }
    if (after != null && graphOptions.graph != null) {
      throw InputException.of(
          "--graph cannot be combined with --before/--after (--after is the graph)");
    }
    if (samples != null && (samples < 1 || samples > CutoffSimulation.MAX_SAMPLES)) {
      throw InputException.of(
          String.format(
              "--samples must be between 1 and %,d, got %d",
              CutoffSimulation.MAX_SAMPLES, samples));
    }
    if (profile) {
      if (!changes.isEmpty() || changesFile != null || after != null) {
        throw InputException.of(
            "--profile covers every node: it takes no --change, --changes-file or --before/--after");
      }
      if (list || labelsOnly || failAbove != null) {
        throw InputException.of(
            "--list, --labels and --fail-above apply to a change, not to --profile");
      }
      if (Format.parse(format) == Format.MARKDOWN) {
        throw InputException.of("--format markdown is for a change; use table, json, csv or arrow");
      }
      if (top != null && top < 0) {
        // As risk --top: N rows at most, 0 for none.
        throw InputException.of("--top must be >= 0, got " + top);
      }
      return;
    }
    if (Format.parse(format) == Format.ARROW) {
      throw InputException.of("--format arrow is for --profile rows; use json or csv for a change");
    }
    if (top != null) {
      throw InputException.of("--top applies to --profile only");
    }
    if (changes.isEmpty() && changesFile == null && after == null) {
      throw InputException.of(
          "name a change: --change NAME, --changes-file FILE or --before/--after (or use --profile)");
    }
  }

  private Changes resolve(PackageGraph graph, SnapshotDiff diff) {
    ChangeResolver resolver = new ChangeResolver(graph);
    Changes named =
        changes.isEmpty() && changesFile == null
            ? ChangeResolver.changesOf(graph, new int[0])
            : ChangeNotes.report(
                resolver.resolve(changes, changesFile), spec.commandLine().getErr());
    if (diff == null) {
      return named;
    }
    int[] seeds =
        IntStream.concat(IntStream.of(named.nodes()), IntStream.of(diff.seeds())).toArray();
    return ChangeResolver.changesOf(graph, seeds);
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "preflight-impact");
      t.setDaemon(true);
      return t;
    };
  }

  // ------------------------------------------------------------------ rendering

  static Map<String, Object> toJson(ImpactReport r, boolean list, ImpactSettings settings) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schemaVersion", 1);
    m.put("policy", r.policy().label());
    m.put("changed", r.changed());
    if (!r.pins().isEmpty()) {
      m.put("pins", r.pins());
    }
    m.put("rebuildCount", r.rebuildCount());
    m.put("bySystem", r.bySystem());
    m.put("byKernel", r.byKernel());
    m.put("attrCount", r.attrCount());
    m.put("labels", r.labels());
    m.put("depth", r.depth());
    if (list) {
      m.put("rebuilds", r.rebuilds());
    }
    CutoffStats c = r.cutoff();
    if (c != null) {
      Map<String, Object> cm = new LinkedHashMap<>();
      cm.put("samples", c.samples());
      cm.put("seed", c.seed());
      cm.put("defaultUnchangedProbability", settings.defaultUnchangedProbability());
      cm.put("expected", Math.round(c.expected() * 100) / 100.0);
      cm.put("p10", c.p10());
      cm.put("p50", c.p50());
      cm.put("p90", c.p90());
      cm.put("min", c.min());
      cm.put("max", c.max());
      m.put("cutoff", cm);
    }
    return m;
  }

  static String table(ImpactReport r, boolean list) {
    StringBuilder sb = new StringBuilder();
    row(sb, "changed", String.join(", ", r.changed()));
    if (!r.pins().isEmpty()) {
      row(sb, "pins", String.join(", ", r.pins()));
    }
    row(sb, "policy", r.policy().label());
    row(sb, "rebuild count", String.format(Locale.ROOT, "%,d", r.rebuildCount()));
    row(sb, "  by system", counts(r.bySystem()));
    row(sb, "  by kernel", counts(r.byKernel()) + " (distinct names)");
    row(sb, "  attr paths", counts(r.attrCount()) + " (as nixpkgs CI counts them; the labels)");
    row(sb, "labels", String.join(", ", r.labels()));
    row(sb, "depth", String.format(Locale.ROOT, "%,d", r.depth()));
    CutoffStats c = r.cutoff();
    if (c != null) {
      row(
          sb,
          "cutoff",
          String.format(
              Locale.ROOT,
              "expected %.1f, p10 %,d, p50 %,d, p90 %,d (%,d samples, seed %d)",
              c.expected(),
              c.p10(),
              c.p50(),
              c.p90(),
              c.samples(),
              c.seed()));
    }
    if (list) {
      sb.append("rebuilds\n");
      for (String name : r.rebuilds()) {
        sb.append("  ").append(name).append('\n');
      }
    }
    return sb.toString();
  }

  /** One row per rebuilt node: {@code id,name,system,distance}, by name then system. */
  static String csv(ImpactReport r, PackageGraph g) {
    RebuildSet set = r.set();
    Integer[] order = new Integer[set.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(
        order,
        Comparator.<Integer, String>comparing(i -> g.name(set.node(i)))
            .thenComparing(i -> g.system(set.node(i)))
            .thenComparing(i -> g.id(set.node(i))));
    StringBuilder sb = new StringBuilder("id,name,system,distance\n");
    for (int i : order) {
      int v = set.node(i);
      sb.append(csvField(g.id(v)))
          .append(',')
          .append(csvField(g.name(v)))
          .append(',')
          .append(csvField(g.system(v)))
          .append(',')
          .append(set.distanceAt(i))
          .append('\n');
    }
    return sb.toString();
  }

  static String renderProfile(
      List<ImpactProfile.Row> rows, int nodes, Format fmt, List<String> pins)
      throws JsonProcessingException {
    switch (fmt) {
      case JSON -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schemaVersion", 1);
        m.put("nodes", nodes);
        if (!pins.isEmpty()) {
          m.put("pins", pins);
        }
        List<Map<String, Object>> list = new ArrayList<>(rows.size());
        for (ImpactProfile.Row row : rows) {
          Map<String, Object> e = new LinkedHashMap<>();
          e.put("name", row.name());
          e.put("system", row.system());
          e.put("rebuildCount", row.rebuildCount());
          e.put("directDependents", row.directDependents());
          list.add(e);
        }
        m.put("rows", list);
        return Json.pretty(m) + "\n";
      }
      case CSV -> {
        StringBuilder sb = new StringBuilder("name,system,rebuildCount,directDependents\n");
        for (ImpactProfile.Row row : rows) {
          sb.append(csvField(row.name()))
              .append(',')
              .append(csvField(row.system()))
              .append(',')
              .append(row.rebuildCount())
              .append(',')
              .append(row.directDependents())
              .append('\n');
        }
        return sb.toString();
      }
      default -> {
        int nameWidth = 4;
        int systemWidth = 6;
        for (ImpactProfile.Row row : rows) {
          nameWidth = Math.max(nameWidth, row.name().length());
          systemWidth = Math.max(systemWidth, row.system().length());
        }
        String f = "%-" + nameWidth + "s  %-" + systemWidth + "s  %12s  %17s%n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, f, "NAME", "SYSTEM", "REBUILDS", "DIRECT DEPENDENTS"));
        for (ImpactProfile.Row row : rows) {
          sb.append(
              String.format(
                  Locale.ROOT,
                  f,
                  row.name(),
                  row.system(),
                  String.format(Locale.ROOT, "%,d", row.rebuildCount()),
                  String.format(Locale.ROOT, "%,d", row.directDependents())));
        }
        if (rows.size() < nodes) {
          sb.append(
              String.format(
                  Locale.ROOT, "(%,d of %,d nodes; --top N for more)%n", rows.size(), nodes));
        }
        if (!pins.isEmpty()) {
          sb.append("(pins: ").append(String.join(", ", pins)).append(")\n");
        }
        return sb.toString();
      }
    }
  }

  private static String counts(Map<String, Integer> m) {
    StringBuilder sb = new StringBuilder();
    m.forEach(
        (k, v) ->
            sb.append(sb.length() == 0 ? "" : ", ")
                .append(k)
                .append(' ')
                .append(String.format(Locale.ROOT, "%,d", v)));
    return sb.toString();
  }

  private static void row(StringBuilder sb, String key, String value) {
    sb.append(String.format(Locale.ROOT, "%-15s %s%n", key, value));
  }

  /** RFC 4180 quoting when a field needs it. */
  static String csvField(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
