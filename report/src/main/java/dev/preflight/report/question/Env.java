package dev.preflight.report.question;

import dev.preflight.graph.Progress;
import dev.preflight.impact.Changes;
import dev.preflight.settings.Settings;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * What a question runs with, besides its request and graph: the settings, the caller's executor
 * (null: single-threaded) and its parallelism, a progress listener, and where notes about the
 * change go (the command line prints which source a binary package name stood for; the server drops
 * them).
 */
public record Env(
    Settings settings,
    ExecutorService executor,
    int threads,
    Progress progress,
    Consumer<Changes> notes) {
  public Env {
    Objects.requireNonNull(settings, "settings");
    threads = Math.max(1, threads);
    progress = progress == null ? Progress.NONE : progress;
    notes = notes == null ? c -> {} : notes;
  }
}
