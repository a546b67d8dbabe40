package dev.preflight.cli;

import picocli.CommandLine.Mixin;

/**
 * The change subject of the commands that schedule or score one definite rebuild set ({@code cost},
 * {@code risk}, {@code plan}): the graph, pins and change of {@link ChangeSubjectOptions} and the
 * propagation policy that turns them into the rebuild set, {@code cutoff} refused ({@link
 * DefinitePolicyOption}). The server's endpoints take the same four as one set ({@code
 * Questions.SUBJECT}).
 */
final class DefiniteSubjectOptions extends ChangeSubjectOptions {
  @Mixin DefinitePolicyOption policy;
}
