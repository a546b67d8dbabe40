package dev.preflight.graph.io.debian;

import dev.preflight.graph.InputException;
import dev.preflight.graph.Names;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The build environment view of a Debian suite (DESIGN.md §5): {@code S -> T} when the packages a
 * build of S installs include a binary of T, not only when S's build-dependencies name one.
 * Metapackages otherwise hide the relation: on bookworm {@code python3.11} has 5 direct dependents
 * (sources naming {@code python3.11} or {@code libpython3.11-dev}) but 15,693 sources install it,
 * almost all through {@code python3} or {@code dh-python}.
 *
 * <p><b>What a build installs.</b> The <i>start set</i> of S is every binary of {@code Packages}
 * that the build-dependency view resolves S's {@code Build-Depends}, {@code Build-Depends-Arch} and
 * {@code Build-Depends-Indep} to: every alternative that applies to the architecture and profiles,
 * each to the binaries of that name and the binaries that {@code Provides} it. The <i>build
 * environment</i> is the runtime closure of the start set: each installed binary's {@code Depends}
 * and {@code Pre-Depends} (what {@code apt-get install --no-install-recommends} installs in a
 * buildd chroot; not {@code Recommends}, {@code Suggests} or {@code Enhances}), resolved by the
 * same name-and-provider rule, with the alternatives rule below, until nothing new is added.
 * Version constraints and {@code :any} qualifiers are dropped as in the build-dependency view; a
 * name with several binaries (two versions of one package) installs them all. {@code S -> T} for
 * every source T that builds a binary of the environment; self-edges are dropped and counted.
 *
 * <p><b>Alternatives in {@code Depends}.</b> {@link Alternatives#FIRST} (the default) follows the
 * first alternative of each clause that names some binary of {@code Packages} (a real package or a
 * virtual one with a provider), which is what apt installs when nothing else is there yet; {@link
 * Alternatives#ALL} follows every alternative, an upper bound. The start set always takes every
 * alternative, so the build environment graph contains every edge of the build-dependency graph.
 *
 * <p><b>Build-essential.</b> With {@link #buildEssential()}, every build also installs the {@code
 * Essential: yes} binaries and the binaries named {@code build-essential}, with their closure (by
 * the same alternatives rule): the chroot of {@code mmdebstrap --variant=buildd} ("the essential
 * set plus apt and build-essential") before any build-dependency is installed. Essential packages
 * belong here because Debian Policy §3.5 lets packages omit dependencies on them, so the closure of
 * a start set alone misses them. {@code apt} is left out: it installs the build-dependencies, it is
 * not an input of the build. The sources of this set become inputs of every source.
 *
 * @param alternatives which alternatives of a {@code Depends}/{@code Pre-Depends} clause a build
 *     installs
 * @param buildEssential whether every build also installs the essential and build-essential set
 */
public record BuildEnvironment(Alternatives alternatives, boolean buildEssential) {

  /** Which alternatives of a runtime dependency clause are followed. */
  public enum Alternatives {
    /** The first alternative that names an existing binary or a provided name, as apt picks. */
    FIRST,
    /** Every alternative: what the build may install. */
    ALL;

    /** The lower-case name used on the command line and in graph metadata. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The rule with this name, in any case.
     *
     * @throws InputException naming the word and the known rules
     */
    public static Alternatives parse(String name) {
      for (Alternatives a : values()) {
        if (name != null && a.label().equalsIgnoreCase(name.strip())) {
          return a;
        }
      }
      throw Names.unknown(
          "alternatives rule",
          name,
          Arrays.stream(values()).map(Alternatives::label).collect(Collectors.toList()));
    }
  }

  public BuildEnvironment {
    Objects.requireNonNull(alternatives, "alternatives");
  }

  /** First alternatives, no build-essential set. */
  public static BuildEnvironment defaults() {
    return new BuildEnvironment(Alternatives.FIRST, false);
  }

  /** The name of the package whose closure, with the essential packages, every build installs. */
  public static final String BUILD_ESSENTIAL = "build-essential";
}
