package dev.preflight.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top-level {@code preflight} command; its subcommands do the work. */
@Command(
    name = "preflight",
    mixinStandardHelpOptions = true,
    versionProvider = PreflightCommand.Version.class,
    description =
        "Mass-rebuild preflight: which builds a change triggers, what they cost on a build"
            + " cluster, and which packages are newly at risk, from a dependency graph held in"
            + " memory.",
    footer = {
      "",
      "Exit codes: 0 ok, 1 a checked condition failed (--fail-above), 2 bad usage or input,"
          + " 3 internal error.",
      "Without --graph, commands use the bundled default graph (see README).",
      "",
      "Examples:",
      "  preflight plan --change zlib",
      "  preflight impact --change openssl --labels",
      "  preflight help plan"
    })
public final class PreflightCommand implements Runnable {
  /**
   * The subcommands by name, in the order {@code --help} lists them, each under the name of its own
   * {@code @Command} annotation (written once, there). They are registered in {@link
   * Main#commandLine(String...)} rather than in the annotation so that a run builds the picocli
   * model of the one subcommand it runs: reflecting over every command's options is a large part of
   * a cold start (reading one annotation is not).
   */
  static final Map<String, Class<?>> SUBCOMMANDS =
      byName(
          StatsCommand.class,
          ImpactCommand.class,
          ImportCommand.class,
          GenerateCommand.class,
          CostCommand.class,
          RiskCommand.class,
          PlanCommand.class,
          BatchCommand.class,
          ServeCommand.class,
          CompletionCommand.class,
          NamesCommand.class,
          HelpCommand.class);

  private static Map<String, Class<?>> byName(Class<?>... commands) {
    Map<String, Class<?>> m = new LinkedHashMap<>();
    for (Class<?> c : commands) {
      m.put(c.getAnnotation(Command.class).name(), c);
    }
    return Collections.unmodifiableMap(m);
  }

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Print stack traces and the engines' own diagnostics.")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
  }

  static boolean verbose(CommandLine cl) {
    CommandLine root = cl;
    while (root.getParent() != null) {
      root = root.getParent();
    }
    return root.getCommand() instanceof PreflightCommand p && p.verbose;
  }

  /** Reads the version Maven wrote into the jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = PreflightCommand.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {
        "preflight " + p.getProperty("version", "unknown"),
        "Java "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vm.name")
            + ")"
      };
    }
  }
}
