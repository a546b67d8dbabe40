package dev.preflight.graph;

/**
 * Bad input: a file, record or argument that Preflight cannot accept. Carries where the problem is
 * (a file and a line or record) so the command line can print one precise line and exit with 2.
 */
public class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final String location;
  private final String problem;

  /**
   * @param source the file (or other input) the problem is in; may be null
   * @param location the line, record or field within it; may be null
   * @param problem what is wrong, in words a user can act on
   */
  public InputException(String source, String location, String problem) {
    this(source, location, problem, null);
  }

  public InputException(String source, String location, String problem, Throwable cause) {
    super(format(source, location, problem), cause);
    this.source = source;
    this.location = location;
    this.problem = problem;
  }

  /** A problem not tied to a file, such as an unknown name on the command line. */
  public static InputException of(String problem) {
    return new InputException(null, null, problem);
  }

  public String source() {
    return source;
  }

  public String location() {
    return location;
  }

  public String problem() {
    return problem;
  }

  /** The same problem, attributed to {@code file} when it had no source yet. */
  public InputException inFile(String file) {
    if (source != null) {
      return this;
    }
    return new InputException(file, location, problem, getCause());
  }

  private static String format(String source, String location, String problem) {
    StringBuilder sb = new StringBuilder();
    if (source != null) {
      sb.append(source);
      if (location != null) {
        sb.append(':').append(location);
      }
      sb.append(": ");
    } else if (location != null) {
      sb.append(location).append(": ");
    }
    return sb.append(problem).toString();
  }
}
