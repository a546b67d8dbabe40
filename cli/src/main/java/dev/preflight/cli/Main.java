package dev.preflight.cli;

import dev.preflight.graph.InputException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/** Entry point of the runnable jar. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // Arrow's Netty allocator reads these when its classes load: set them before anything else.
    System.setProperty("io.netty.tryReflectionSetAccessible", "true");
    System.setProperty("arrow.memory.debug.allocator", "false");
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
    System.exit(run(args));
  }

  /** Runs the command line with the process's streams and returns the exit code. */
  public static int run(String... args) {
    try {
      return commandLine(args).execute(args);
    } catch (OutOfMemoryError e) {
      // picocli hands only Exceptions to the handler; an Error would otherwise end in a trace.
      System.err.println(
          "preflight: error: out of memory (give the JVM more heap, e.g. JAVA_OPTS=-Xmx8g)");
      return ExitCodes.INTERNAL;
    }
  }

  /** Subcommands that describe the others, so they need every subcommand registered. */
  private static final java.util.Set<String> NEEDS_ALL =
      java.util.Set.of("help", "generate-completion");

  /** A configured command line with every subcommand; tests set their own out/err writers on it. */
  public static CommandLine commandLine() {
    return configure(
        new CommandLine(new PreflightCommand()), PreflightCommand.SUBCOMMANDS.keySet());
  }

  /**
   * The command line for {@code args}: when they name a subcommand, only that one is registered
   * (picocli builds the model of each registered command by reflection, most of a cold start's
   * parsing cost); otherwise (no subcommand, {@code --help}, {@code help}, {@code
   * generate-completion}, a misspelt name that needs suggestions) all of them.
   */
  public static CommandLine commandLine(String... args) {
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
    cl.setExecutionExceptionHandler(Main::handleExecutionException);
    cl.setParameterExceptionHandler(Main::handleParameterException);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }

  private static int handleExecutionException(
      Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
    PrintWriter err = cl.getErr();
    boolean verbose = PreflightCommand.verbose(cl);
    Throwable t = ex;
    int code;
    String message;
    if (t instanceof InputException) {
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

  private static int handleParameterException(CommandLine.ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println("preflight: error: " + ex.getMessage());
    if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
      err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
    }
    err.flush();
    return ExitCodes.BAD_INPUT;
  }
}
