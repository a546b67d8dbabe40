package dev.preflight.cli.report;

import dev.preflight.graph.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Where a command's data goes: stdout, or a file written atomically with {@code -o}. */
public final class OutputTarget {
  private final PrintWriter stdout;
  private final Path file;

  public OutputTarget(PrintWriter stdout, Path file) {
    this.stdout = stdout;
    this.file = file;
  }

  /** Writes text; to a file through a temporary file and a rename. */
  public void writeText(String text) {
    if (file == null) {
      stdout.print(text);
      stdout.flush();
    } else {
      AtomicFiles.writeStream(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }
  }

  /** Writes binary data; only to a file (binary on a terminal helps no one). */
  public void writeBinary(AtomicFiles.StreamWriter writer) throws IOException {
    if (file == null) {
      throw new dev.preflight.graph.InputException(
          null, null, "this format is binary: name an output file with -o");
    }
    AtomicFiles.writeStream(file, writer);
  }

  public boolean isFile() {
    return file != null;
  }
}
