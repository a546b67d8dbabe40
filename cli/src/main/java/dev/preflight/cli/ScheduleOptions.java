package dev.preflight.cli;

import dev.preflight.report.question.ScheduleSpec;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How a rebuild is simulated, shared by {@code cost} and {@code plan}: scheduler, build order,
 * channel-first's channels, the cost curve's sizes, Monte Carlo samples and their seed.
 */
final class ScheduleOptions {
  @Option(
      names = "--scheduler",
      paramLabel = "NAME",
      description =
          "hydra, hydra-critical-path, hydra-legacy, fifo, critical-path or channel-first"
              + " (default: critical-path on a Debian graph, else from settings: hydra).")
  String scheduler;

  @Option(
      names = "--order",
      paramLabel = "ORDER",
      description =
          "Which builds wait for which: dependencies, levels or independent (default: independent"
              + " for a Debian round, else dependencies).")
  String order;

  @Option(
      names = "--channel",
      paramLabel = "NAME",
      split = ",",
      description = "channel-first: the channels to finish first (default: all).")
  List<String> channels = new ArrayList<>();

  @Option(
      names = "--sizes",
      paramLabel = "N",
      split = ",",
      description = "Cost curve: scale every pool's machine counts by each of these factors.")
  List<Integer> sizes = new ArrayList<>();

  @Option(
      names = "--samples",
      paramLabel = "K",
      defaultValue = "0",
      description = "Monte Carlo runs with log-normal duration draws (p50/p90), at most 100,000.")
  int samples;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed of duration and failure draws (default from settings: 1).")
  Long seed;

  /** The options as the shared questions take them. */
  ScheduleSpec spec() {
    return new ScheduleSpec(scheduler, order, channels, sizes, samples, seed);
  }

  /** Fails on out-of-range options, before any file is read. */
  void check() {
    spec().check();
  }
}
