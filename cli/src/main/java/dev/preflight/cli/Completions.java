package dev.preflight.cli;

import dev.preflight.cost.BuildOrder;
import dev.preflight.cost.Scheduler;
import dev.preflight.impact.Policy;
import dev.preflight.report.PlanFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The values the shell completion script offers (and {@code ${COMPLETION-CANDIDATES}} in a
 * description shows) for options that take one of a fixed set of names, in one table by command and
 * option, installed on every command when the command line is built ({@link #install}). Each list
 * comes from the same place the option's value is checked against, so completion and validation
 * cannot drift apart.
 */
final class Completions {
  private Completions() {}

  /** The formats of {@code risk}. */
  static final List<String> TABLE_JSON_CSV = List.of("table", "json", "csv");

  /** The formats of {@code impact}. */
  static final List<String> IMPACT_FORMATS = List.of("table", "json", "csv", "markdown", "arrow");

  /** The formats of {@code stats}. */
  static final List<String> TABLE_JSON = List.of("table", "json");

  /** The engines of {@code batch}. */
  static final List<String> ENGINES = List.of("spark", "local");

  /** The commands that schedule or score one definite rebuild set: no {@code cutoff} policy. */
  private static final Set<String> DEFINITE = Set.of("cost", "risk", "plan");

  private static final Map<String, List<String>> FORMATS =
      Map.of(
          "cost", dev.preflight.report.CostFormat.names(),
          "risk", TABLE_JSON_CSV,
          "stats", TABLE_JSON,
          "impact", IMPACT_FORMATS,
          "plan", Arrays.stream(PlanFormat.values()).map(PlanFormat::formatName).toList());

  /** The values of {@code option} (its longest name) on {@code command}, or null for free text. */
  static List<String> of(String command, String option) {
    return switch (option) {
      case "--scheduler" -> Arrays.stream(Scheduler.values()).map(Scheduler::label).toList();
      case "--order" -> Arrays.stream(BuildOrder.values()).map(BuildOrder::label).toList();
      case "--engine" -> ENGINES;
      case "--format" -> FORMATS.get(command);
      case "--table" ->
          switch (command) {
            case "cost" -> dev.preflight.report.CostTables.NAMES;
            case "plan" -> dev.preflight.report.PlanTables.names();
            default -> null;
          };
      case "--policy" ->
          Arrays.stream(Policy.values())
              .filter(p -> p != Policy.CUTOFF || !DEFINITE.contains(command))
              .map(Policy::label)
              .toList();
      default -> null;
    };
  }

  /** Gives every option of {@code cl} and its subcommands the values {@link #of} lists. */
  static void install(CommandLine cl) {
    CommandSpec spec = cl.getCommandSpec();
    for (OptionSpec o : new ArrayList<>(spec.options())) {
      List<String> values = of(spec.name(), o.longestName());
      if (values != null) {
        // OptionSpec is immutable: replace it by a copy with the values (same field binding).
        spec.remove(o);
        spec.addOption(o.toBuilder().completionCandidates(values).build());
      }
    }
    for (CommandLine sub : cl.getSubcommands().values()) {
      install(sub);
    }
  }
}
