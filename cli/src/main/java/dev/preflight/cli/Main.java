package dev.preflight.cli;

import picocli.CommandLine;

/**
 * Entry point of the runnable jar (and of {@code spark-submit --class}).
 *
 * <p>This class refers to nothing but {@link PreflightCli} in its methods' bodies: linking it loads
 * no other class, so an error while the command line's classes load (out of memory in a tiny heap,
 * a broken class path) is caught here and reported in one line with exit 3 instead of the Java
 * launcher's stack trace and exit 1.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    try {
      PreflightCli.main(args);
    } catch (OutOfMemoryError e) {
      System.err.println(OUT_OF_MEMORY);
      System.exit(ExitCodes.INTERNAL);
    } catch (LinkageError e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      System.err.println(
          root instanceof OutOfMemoryError
              ? OUT_OF_MEMORY
              : "preflight: internal error: cannot load the command line: " + root);
      System.exit(ExitCodes.INTERNAL);
    }
  }

  /** The one line every out-of-memory error ends with. */
  static final String OUT_OF_MEMORY =
      "preflight: error: out of memory (give the JVM more heap, e.g. JAVA_OPTS=-Xmx8g)";

  /** Runs the command line with the process's streams and returns the exit code. */
  public static int run(String... args) {
    return PreflightCli.run(args);
  }

  /** A configured command line with every subcommand; tests set their own out/err writers on it. */
  public static CommandLine commandLine() {
    return PreflightCli.commandLine();
  }

  /** The command line for {@code args}, with only the subcommand they name registered. */
  public static CommandLine commandLine(String... args) {
    return PreflightCli.commandLine(args);
  }

  static int execute(CommandLine cl, String... args) {
    return PreflightCli.execute(cl, args);
  }

  static String subcommand(String... args) {
    return PreflightCli.subcommand(args);
  }

  static String usageProblem(CommandLine.ParameterException ex) {
    return PreflightCli.usageProblem(ex);
  }
}
