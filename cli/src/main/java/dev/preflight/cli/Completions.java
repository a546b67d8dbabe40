package dev.preflight.cli;

import dev.preflight.cost.BuildOrder;
import dev.preflight.cost.Scheduler;
import dev.preflight.impact.Policy;
import dev.preflight.report.PlanFormat;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The values the shell completion script offers for options that take one of a fixed set of names
 * ({@code completionCandidates}). Each list comes from the same place the option's value is checked
 * against, so completion and validation cannot drift apart.
 */
final class Completions {
  private Completions() {}

  /** The formats of {@code impact}, {@code cost} and {@code risk}. */
  static final List<String> TABLE_JSON_CSV = List.of("table", "json", "csv");

  /** The formats of {@code impact}. */
  static final List<String> IMPACT_FORMATS = List.of("table", "json", "csv", "markdown", "arrow");

  /** The formats of {@code stats}. */
  static final List<String> TABLE_JSON = List.of("table", "json");

  /** The engines of {@code batch}. */
  static final List<String> ENGINES = List.of("spark", "local");

  /** Every propagation policy (impact, batch). */
  static final class Policies implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(Policy.values()).map(Policy::label).iterator();
    }
  }

  /** The policies with a definite rebuild set (cost, risk, plan schedule one set of builds). */
  static final class DefinitePolicies implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(Policy.values())
          .filter(p -> p != Policy.CUTOFF)
          .map(Policy::label)
          .iterator();
    }
  }

  static final class Schedulers implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(Scheduler.values()).map(Scheduler::label).iterator();
    }
  }

  static final class BuildOrders implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(BuildOrder.values()).map(BuildOrder::label).iterator();
    }
  }

  static final class PlanFormats implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(PlanFormat.values()).map(PlanFormat::formatName).iterator();
    }
  }

  static final class TableJsonCsv implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return TABLE_JSON_CSV.iterator();
    }
  }

  static final class ImpactFormats implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return IMPACT_FORMATS.iterator();
    }
  }

  static final class TableJson implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return TABLE_JSON.iterator();
    }
  }

  static final class Engines implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return ENGINES.iterator();
    }
  }

  static final class CostFormats implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return dev.preflight.report.CostFormat.names().iterator();
    }
  }

  static final class CostTableNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return dev.preflight.report.CostTables.NAMES.iterator();
    }
  }

  static final class PlanTableNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return dev.preflight.report.PlanTables.names().iterator();
    }
  }
}
