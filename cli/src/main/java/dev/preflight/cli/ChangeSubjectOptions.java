package dev.preflight.cli;

import picocli.CommandLine.Mixin;

/**
 * What a change is applied to and what it is: the graph ({@code --graph}, {@code --input-format}),
 * its pins ({@code --pin}) and the change ({@code -c/--change}, {@code --changes-file}). Shared by
 * the commands that analyse one change ({@code impact}, {@code cost}, {@code risk}, {@code plan}).
 */
final class ChangeSubjectOptions {
  @Mixin GraphOptions graph;

  @Mixin PinOptions pins;

  @Mixin ChangeOptions change;
}
