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
    System.exit(run(args));
  }

  /** Runs the command line with the process's streams and returns the exit code. */
  public static int run(String... args) {
    try {
      return commandLine().execute(args);
    } catch (OutOfMemoryError e) {
      // picocli hands only Exceptions to the handler; an Error would otherwise end in a trace.
      System.err.println(
          "preflight: error: out of memory (give the JVM more heap, e.g. JAVA_OPTS=-Xmx8g)");
      return ExitCodes.INTERNAL;
    }
  }

  /** A configured command line; tests set their own out/err writers on it. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new PreflightCommand());
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
