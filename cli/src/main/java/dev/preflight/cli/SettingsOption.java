package dev.preflight.cli;

import dev.preflight.settings.Settings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --settings}, on every command that simulates (impact, cost, risk, plan, batch). */
final class SettingsOption {
  @Option(
      names = "--settings",
      paramLabel = "FILE",
      description = "Settings overriding the built-in defaults (same shape as defaults.json).")
  Path file;

  private Settings loaded;

  /** The settings file bound over the defaults, or the defaults; read once. */
  Settings settings() {
    if (loaded == null) {
      loaded = file == null ? Settings.defaults() : Settings.load(file);
    }
    return loaded;
  }
}
