package dev.preflight.settings;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written by people: one or more number-unit pairs ({@code 90s}, {@code 45m}, {@code
 * 24h}, {@code 2d}, {@code 1h30m}; units {@code s}, {@code m}, {@code h}, {@code d}) or ISO-8601
 * ({@code PT24H}, {@code P2D}, read by {@link Duration#parse}). A bare number is refused: {@code
 * --deadline 24} was read as 24 seconds, while whoever typed it most likely meant hours. Go's
 * {@code time.ParseDuration} (golang/go, {@code src/time/format.go}) refuses a bare number the same
 * way ("missing unit in duration"), except 0.
 */
public final class DurationText {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([smhd])");
  private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:\\.\\d+)?\\s*[smhd]\\s*)+");
  private static final Pattern BARE = Pattern.compile("\\d+(?:\\.\\d+)?");

  private DurationText() {}

  /**
   * Seconds of {@code text}.
   *
   * @param option the option or key it came from, for the message
   * @throws IllegalArgumentException naming {@code option}, with examples, when {@code text} is no
   *     duration, has no unit, or is not positive
   */
  public static double seconds(String text, String option) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    if (BARE.matcher(t).matches()) {
      throw new IllegalArgumentException(
          option
              + " '"
              + text.strip()
              + "' needs a unit: write "
              + t
              + "h for hours (or "
              + t
              + "s, "
              + t
              + "m, "
              + t
              + "d, PT"
              + t.toUpperCase(Locale.ROOT)
              + "H)");
    }
    double seconds;
    if (t.startsWith("p")) {
      try {
        seconds = Duration.parse(t.toUpperCase(Locale.ROOT)).toMillis() / 1000.0;
      } catch (DateTimeParseException | ArithmeticException e) {
        throw notADuration(text, option);
      }
    } else {
      if (!WHOLE.matcher(t).matches()) {
        throw notADuration(text, option);
      }
      seconds = 0;
      Matcher m = PART.matcher(t);
      while (m.find()) {
        double unit =
            switch (m.group(2)) {
              case "m" -> 60;
              case "h" -> 3600;
              case "d" -> 86400;
              default -> 1;
            };
        seconds += Double.parseDouble(m.group(1)) * unit;
      }
    }
    if (!(seconds > 0) || !Double.isFinite(seconds)) {
      throw new IllegalArgumentException(option + " must be positive, got '" + text.strip() + "'");
    }
    return seconds;
  }

  private static IllegalArgumentException notADuration(String text, String option) {
    return new IllegalArgumentException(
        option
            + " '"
            + (text == null ? "" : text.strip())
            + "' is not a duration (examples: 90s, 45m, 24h, 2d, 1h30m, PT24H)");
  }
}
