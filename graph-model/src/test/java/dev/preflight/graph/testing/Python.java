package dev.preflight.graph.testing;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Whether {@code python3} runs here: the independent oracles of some tests are Python scripts. */
public final class Python {
  private Python() {}

  /** True when {@code python3 --version} runs and exits 0 within 30 seconds. */
  public static boolean available() {
    try {
      Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
