package dev.preflight.graph.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Jackson parse error as one line a user can read. Jackson's own message of a truncated document
 * carries where the unclosed object began as {@code (start marker at [Source: REDACTED
 * (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 47, column: 68])}, and a YAML
 * error (SnakeYAML) spans several lines with a caret under a quoted snippet; both become short text
 * here, so every reader of JSON or YAML reports the same way.
 */
public final class JsonProblems {
  private static final Pattern START_MARKER =
      Pattern.compile(
          "\\s*\\(start marker at \\[Source: [^;\\]]*(?:;\\s*line: (\\d+), column: (\\d+))?\\]\\)");
  private static final Pattern SOURCE = Pattern.compile("\\s*(?:at )?\\[Source: [^\\]]*\\]");

  private JsonProblems() {}

  /** The problem of a whole document; an unclosed object says where it was opened. */
  public static String describe(JsonProcessingException e) {
    return describe(e.getOriginalMessage(), true);
  }

  /**
   * The problem of a one-line record (JSON lines), where the opening position is always on the same
   * line and only noise.
   */
  public static String describeLine(JsonProcessingException e) {
    return describe(e.getOriginalMessage(), false);
  }

  static String describe(String message, boolean withStart) {
    if (message == null) {
      return "malformed input";
    }
    Matcher m = START_MARKER.matcher(message);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String replacement =
          withStart && m.group(1) != null
              ? " (opened at line " + m.group(1) + ", column " + m.group(2) + ")"
              : "";
      m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(sb);
    String text = SOURCE.matcher(sb).replaceAll("");
    // SnakeYAML: problem lines start at the margin; indented lines are "in 'reader', line N"
    // context, the quoted snippet and its caret.
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\\R")) {
      if (line.isBlank() || Character.isWhitespace(line.charAt(0))) {
        continue;
      }
      if (out.length() > 0) {
        out.append(": ");
      }
      out.append(line.strip());
    }
    return out.length() == 0 ? text.strip() : out.toString();
  }
}
