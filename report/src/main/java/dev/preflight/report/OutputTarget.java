package dev.preflight.report;

import dev.preflight.graph.InputException;
import dev.preflight.graph.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a command's data goes: stdout ({@code -o -} too), or a file written through {@link
 * AtomicFiles} with {@code -o}.
 *
 * <p>Inside a run of {@code Main} (an open {@link Session}), files are only staged: {@code Main}
 * puts every staged file of the run in place when the command succeeded and deletes them all when
 * it failed, so a run that fails halfway leaves no output at all. Outside a session (a command
 * called directly) a file is put in place at once.
 */
public final class OutputTarget {
  private static final ThreadLocal<Session> SESSION = new ThreadLocal<>();

  private final PrintWriter stdout;
  private final Path file;
  private final boolean dash;

  public OutputTarget(PrintWriter stdout, Path file) {
    this.stdout = stdout;
    this.dash = file != null && file.toString().equals("-");
    this.file = dash ? null : file;
  }

  /** Writes text; to a file through a temporary file. */
  public void writeText(String text) {
    if (file == null) {
      stdout.print(text);
      stdout.flush();
    } else {
      place(AtomicFiles.stageStream(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8))));
    }
  }

  /** Writes binary data; to a file, or to stdout only when named {@code -o -}. */
  public void writeBinary(AtomicFiles.StreamWriter writer) throws IOException {
    if (dash) {
      // Asked for by name (-o -): a pipe into another program.
      stdout.flush();
      OutputStream out = System.out;
      writer.write(out);
      out.flush();
      return;
    }
    if (file == null) {
      throw new InputException(null, null, "this format is binary: name an output file with -o");
    }
    place(AtomicFiles.stageStream(file, writer));
  }

  private static void place(AtomicFiles.Staged staged) {
    Session s = SESSION.get();
    if (s == null) {
      staged.commit();
    } else {
      s.staged.add(staged);
    }
  }

  public boolean isFile() {
    return file != null;
  }

  /** The outputs of one run on this thread, put in place together or not at all. */
  public static final class Session implements AutoCloseable {
    private final List<AtomicFiles.Staged> staged = new ArrayList<>();
    private final Session outer;

    private Session(Session outer) {
      this.outer = outer;
    }

    public static Session open() {
      Session s = new Session(SESSION.get());
      SESSION.set(s);
      return s;
    }

    /** Puts every staged file in place, in the order the command wrote them. */
    public void commit() {
      try {
        for (AtomicFiles.Staged s : staged) {
          s.commit();
        }
      } finally {
        close();
      }
    }

    /** Deletes whatever was staged and not put in place. */
    @Override
    public void close() {
      for (AtomicFiles.Staged s : staged) {
        s.discard();
      }
      staged.clear();
      if (outer == null) {
        SESSION.remove();
      } else {
        SESSION.set(outer);
      }
    }
  }
}
