package dev.preflight.cli;

import picocli.CommandLine.Mixin;

/**
 * What a change is applied to and what it is: the graph ({@code --graph}, {@code --input-format}),
 * its pins ({@code --pin}) and the change ({@code -c/--change}, {@code --changes-file}). {@code
 * impact} takes it with {@link PolicyOption} (any policy, {@code cutoff} included); the commands
 * that need one definite rebuild set take {@link DefiniteSubjectOptions}.
 */
class ChangeSubjectOptions {
  @Mixin GraphOptions graph;

  @Mixin PinOptions pins;

  @Mixin ChangeOptions change;
}
