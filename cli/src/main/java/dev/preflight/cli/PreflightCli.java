package dev.preflight.cli;

import dev.preflight.graph.InputException;
import dev.preflight.report.OutputTarget;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import picocli.CommandLine;

/**
 * The command line behind {@link Main}: building, configuring and executing it. Apart from {@link
 * Main} so that loading the entry class loads nothing else (see there).
 */
final class PreflightCli {
  private PreflightCli() {}

  /** Sets the properties that must precede any Arrow or Log4j class, then runs and exits. */
  static void main(String[] args) {
    Trace.mark("main");
    // Arrow's Netty allocator reads these when its classes load: set them before anything else.
    System.setProperty("io.netty.tryReflectionSetAccessible", "true");
    System.setProperty("arrow.memory.debug.allocator", "false");
    allowNettyUnsafeOnJdk23To25();
    if (!"batch".equals(subcommand(args))) {
      // Arrow (through SLF4J) and Netty log through Log4j 2, whose core loads ~700 classes and
      // reads its plugin cache: a third of a second of a cold start for messages Preflight's
      // own commands never show. Log4j's API-only logger prints errors to stderr instead. Spark
      // (batch) configures Log4j itself and keeps the full implementation.
      System.setProperty(
          "log4j2.loggerContextFactory",
          "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
      // Netty's buffer events for Java Flight Recorder load JFR's classes at start.
      System.setProperty("io.netty.jfr.enabled", "false");
    }
    // picocli's CommandLine.Interpreter registers type converters for java.time and java.sql by
    // reflection (loading and initializing ~100 JDK classes) unless this regex excludes them
    // (picocli 4.x, "picocli.converters.excludes"); no Preflight option has such a type.
    if (System.getProperty("picocli.converters.excludes") == null) {
      System.setProperty("picocli.converters.excludes", "java\\.(time|sql)\\..*");
    }
    // picocli's DefaultFactory looks for Groovy's groovy.lang.Closure when it first creates a
    // command (picocli 4.7.7, CommandLine.java, DefaultFactory.loadClosureClass) unless this is
    // set: a class that is on no class path, so the class loader opened and searched every one of
    // the jar's 220 library jars first, about 55 ms of a 300 ms command.
    if (System.getProperty("picocli.disable.closures") == null) {
      System.setProperty("picocli.disable.closures", "true");
    }
    if (Boolean.getBoolean("preflight.training")) {
      System.exit(training(args));
    }
    GraphPrefetch.start(args);
    System.exit(run(args));
  }

  /**
   * The launcher's training run for the class-data archive (AppCDS on JDK 17 to 24, the AOT cache
   * on JDK 25): one JVM runs each command of {@code args}, separated by {@code ";"}, so that the
   * archive holds the classes of every short command it names and not only of one (measured: an
   * archive trained on {@code plan} alone left {@code impact}'s renderer and options to be loaded
   * from the jars, 29 ms of a 350 ms command). Returns the highest exit code.
   */
  static int training(String... args) {
    int worst = ExitCodes.OK;
    List<String> command = new java.util.ArrayList<>();
    for (int i = 0; i <= args.length; i++) {
      if (i < args.length && !args[i].equals(";")) {
        command.add(args[i]);
      } else if (!command.isEmpty()) {
        String[] one = command.toArray(String[]::new);
        GraphPrefetch.start(one);
        worst = Math.max(worst, run(one));
        command.clear();
      }
    }
    return worst;
  }

  /**
   * {@code java -jar} on JDK 23 to 25 without {@code --sun-misc-unsafe-memory-access=allow}: Netty
   * reads that flag's system property and, without "allow", refuses sun.misc.Unsafe, so Arrow's
   * allocator fails to initialize. On these JDKs the JVM's own default still permits the access
   * (23: allow; 24, 25: warn, one warning on stderr), so saying "allow" to Netty is true to what
   * the JVM does. Not from JDK 26, where the default may deny: there only the flag (the launcher,
   * or {@code JDK_JAVA_OPTIONS}) works. A value the user set is kept.
   */
  private static void allowNettyUnsafeOnJdk23To25() {
    int feature = Runtime.version().feature();
    if (feature >= 23 && feature <= 25 && System.getProperty(UNSAFE_ACCESS) == null) {
      System.setProperty(UNSAFE_ACCESS, "allow");
    }
  }

  private static final String UNSAFE_ACCESS = "sun.misc.unsafe.memory.access";

  /** Runs the command line with the process's streams and returns the exit code. */
  static int run(String... args) {
    CommandLine cl = commandLine(args);
    Trace.mark("picocli model");
    int code = execute(cl, args);
    Trace.mark("command");
    return code;
  }

  /**
   * Executes {@code args} on {@code cl}. picocli hands only Exceptions to the execution handler; an
   * Error (out of memory, a static initializer failing, a stack overflow) would otherwise end in
   * Java's own stack trace and exit 1, which means "the checked condition failed".
   */
  static int execute(CommandLine cl, String... args) {
    try {
      return cl.execute(args);
    } catch (OutOfMemoryError e) {
      cl.getErr().println(Main.OUT_OF_MEMORY);
      cl.getErr().flush();
      return ExitCodes.INTERNAL;
    } catch (Error e) {
      PrintWriter err = cl.getErr();
      boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
      err.println(
          "preflight: internal error: "
              + e
              + (verbose ? "" : " (run with --verbose for the stack trace)"));
      if (verbose) {
        e.printStackTrace(err);
      }
      err.flush();
      return ExitCodes.INTERNAL;
    }
  }

  /** Subcommands that describe the others, so they need every subcommand registered. */
  private static final java.util.Set<String> NEEDS_ALL =
      java.util.Set.of("help", "generate-completion");

  /** A configured command line with every subcommand; tests set their own out/err writers on it. */
  static CommandLine commandLine() {
    return configure(
        new CommandLine(new PreflightCommand()), PreflightCommand.SUBCOMMANDS.keySet());
  }

  /**
   * The command line for {@code args}: when they name a subcommand, only that one is registered
   * (picocli builds the model of each registered command by reflection, most of a cold start's
   * parsing cost); otherwise (no subcommand, {@code --help}, {@code help}, {@code
   * generate-completion}, a misspelt name that needs suggestions) all of them.
   */
  static CommandLine commandLine(String... args) {
    String name = subcommand(args);
    return configure(
        new CommandLine(new PreflightCommand()),
        name != null && PreflightCommand.SUBCOMMANDS.containsKey(name) && !NEEDS_ALL.contains(name)
            ? java.util.List.of(name)
            : PreflightCommand.SUBCOMMANDS.keySet());
  }

  /**
   * The first argument that is not an option: the subcommand's name. The top-level options ({@code
   * --verbose}, {@code --help}, {@code --version}) take no value, so this is exact.
   */
  static String subcommand(String... args) {
    for (String a : args) {
      if (!a.startsWith("-")) {
        return a;
      }
    }
    return null;
  }

  private static CommandLine configure(CommandLine cl, java.util.Collection<String> subcommands) {
    for (String name : subcommands) {
      cl.addSubcommand(name, PreflightCommand.SUBCOMMANDS.get(name));
    }
    Completions.install(cl);
    cl.setExecutionStrategy(PreflightCli::runWithOutputs);
    cl.setExecutionExceptionHandler(PreflightCli::handleExecutionException);
    cl.setParameterExceptionHandler(PreflightCli::handleParameterException);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    giveEveryCommandTheVersion(cl, new PreflightCommand.Version());
    return cl;
  }

  /**
   * Runs the parsed command with its outputs staged ({@link OutputTarget.Session}): an output that
   * names an input is refused before anything runs; the staged files are put in place only when the
   * command ends with 0 or 1 (1 is a checked condition, the report is still wanted) and are deleted
   * on any other exit or exception.
   */
  private static int runWithOutputs(CommandLine.ParseResult parsed) {
    try {
      OptionChecks.requireBounds(parsed);
      Outputs.requireNotInputs(parsed);
    } catch (InputException e) {
      // As a failure of the command itself, so the execution exception handler words it.
      throw new CommandLine.ExecutionException(parsed.commandSpec().commandLine(), "", e);
    }
    try (OutputTarget.Session outputs = OutputTarget.Session.open()) {
      int code = new CommandLine.RunLast().execute(parsed);
      if (code == ExitCodes.OK || code == ExitCodes.CHECK_FAILED) {
        outputs.commit();
      }
      return code;
    }
  }

  /**
   * Every command shows {@code -V, --version} (the standard help options); without a provider of
   * its own a subcommand printed nothing and exited 0.
   */
  private static void giveEveryCommandTheVersion(
      CommandLine cl, CommandLine.IVersionProvider version) {
    // Unconditionally: picocli's generate-completion carries picocli's own version string.
    cl.getCommandSpec().versionProvider(version);
    for (CommandLine sub : cl.getSubcommands().values()) {
      giveEveryCommandTheVersion(sub, version);
    }
  }

  private static int handleExecutionException(
      Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
    PrintWriter err = cl.getErr();
    boolean verbose = PreflightCommand.verbose(cl);
    Throwable t = ex;
    int code;
    String message;
    if (causedByOutOfMemory(t)) {
      // In a worker thread, rethrown by the executor: the same one line as in the main thread.
      code = ExitCodes.INTERNAL;
      message = Main.OUT_OF_MEMORY;
    } else if (t instanceof InputException) {
      code = ExitCodes.BAD_INPUT;
      message = "preflight: error: " + t.getMessage();
    } else if (t instanceof UncheckedIOException || t instanceof java.io.IOException) {
      code = ExitCodes.BAD_INPUT;
      message = "preflight: error: " + t.getMessage();
    } else {
      code = ExitCodes.INTERNAL;
      message =
          "preflight: internal error: "
              + t
              + (verbose ? "" : " (run with --verbose for the stack trace)");
    }
    err.println(message);
    if (verbose) {
      t.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  private static boolean causedByOutOfMemory(Throwable t) {
    for (int depth = 0; t != null && depth < 32; depth++, t = t.getCause()) {
      if (t instanceof OutOfMemoryError) {
        return true;
      }
    }
    return false;
  }

  private static int handleParameterException(CommandLine.ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println("preflight: error: " + usageProblem(ex));
    if (PreflightCommand.verbose(cl) || java.util.Arrays.asList(args).contains("--verbose")) {
      ex.printStackTrace(err);
    }
    err.flush();
    return ExitCodes.BAD_INPUT;
  }

  /**
   * One line for a usage error: what is wrong, the closest valid word when picocli has one, and
   * where to look. picocli's own wording ("Unmatched argument at index 0: 'statz'", then "Did you
   * mean: ..." and "Try ... --help" on lines of their own) is rephrased.
   */
  static String usageProblem(CommandLine.ParameterException ex) {
    CommandLine cl = ex.getCommandLine();
    String help = "see '" + cl.getCommandSpec().qualifiedName() + " --help'";
    if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String word = u.getUnmatched().get(0);
      List<String> suggestions = u.getSuggestions();
      String closest =
          suggestions.isEmpty() ? "" : " (closest: " + String.join(", ", suggestions) + ")";
      if (u.isUnknownOption()) {
        return "unknown option '" + word + "'" + closest + "; " + help;
      }
      if (!cl.getSubcommands().isEmpty()) {
        return "unknown command '"
            + word
            + "'"
            + closest
            + "; the commands are "
            + cl.getSubcommands().entrySet().stream()
                .filter(e -> !e.getValue().getCommandSpec().usageMessage().hidden())
                .map(java.util.Map.Entry::getKey)
                .collect(java.util.stream.Collectors.joining(", "));
      }
      return "unexpected argument '"
          + word
          + "': '"
          + cl.getCommandSpec().qualifiedName()
          + "' takes options only; "
          + help;
    }
    return ex.getMessage() + "; " + help;
  }
}
