package dev.preflight.cli;

import picocli.CommandLine.Mixin;

/**
 * The options of every command that simulates a rebuild on a cluster ({@code cost}, {@code plan}):
 * the cluster, the scheduler with its sizes, samples and seed, the settings file, the worker
 * threads and the build history. One mixin, so the two commands cannot drift apart (issue 15 item
 * 3).
 */
final class SimulationOptions {
  @Mixin ClusterOptions cluster;

  @Mixin ScheduleOptions schedule;

  @Mixin SettingsOption settings;

  @Mixin ThreadsOption threads;

  @Mixin HistoryOption history;

  /** Fails on out-of-range options, before any file is read. */
  void check() {
    cluster.check();
    schedule.check();
  }
}
