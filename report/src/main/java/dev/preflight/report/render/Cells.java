package dev.preflight.report.render;

/** Cell-level text hygiene shared by the renderers. */
public final class Cells {
  private Cells() {}

  /**
   * Makes untrusted text (package names come from other people's files) safe for a terminal:
   * control characters, including ANSI escapes, become {@code ?}.
   */
  public static String clean(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
        if (sb == null) {
          sb = new StringBuilder(s.substring(0, i));
        }
        sb.append('?');
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? s : sb.toString();
  }
}
