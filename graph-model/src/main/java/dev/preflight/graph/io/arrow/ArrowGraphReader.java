package dev.preflight.graph.io.arrow;

import dev.preflight.graph.ContentHash;
import dev.preflight.graph.InputException;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.graph.io.GraphFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Reads an Arrow IPC file into a graph: the file through {@link IpcFile} (frame and footer checks,
 * dictionaries, record batches as columns over their bytes), then the batch loop and the content
 * hash check.
 *
 * <p>Allocations are bounded by the file's size, so that a corrupt length field is an {@link
 * InputException} naming the file and never an {@link OutOfMemoryError} (a fuzzing finding: a
 * mutated 38 KB file made Arrow's ZSTD codec ask for 8 EB): every block must lie inside the file
 * and every buffer inside its block; the uncompressed buffers of a file together stay within {@link
 * #allocationLimit}; each column's buffers are checked against its length before its rows are
 * copied ({@link IpcColumn}), so the row count and list offsets cannot size our arrays beyond what
 * the buffers hold.
 */
final class ArrowGraphReader {
  private ArrowGraphReader() {}

  static PackageGraph read(Path file, Progress progress) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return read(channel, file.toString(), progress);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The most the reader may allocate for the uncompressed buffers of a file of {@code fileSize}
   * bytes: 64 MiB (room for one uncompressed batch of {@value ArrowGraphFormat#BATCH_ROWS} rows)
   * plus 64 times the file size. Uncompressed, no buffer can be larger than the file; ZSTD shrinks
   * a graph about 3.5 times (measured on the bundled Debian graph), so 64 leaves a wide margin for
   * unusually repetitive columns while a length field claiming gigabytes in a small file is
   * refused.
   */
  static long allocationLimit(long fileSize) {
    return (64L << 20) + 64L * fileSize;
  }

  static PackageGraph read(SeekableByteChannel channel, String source, Progress progress)
      throws IOException {
    long size = channel.size();
    IpcFile file = IpcFile.open(channel, source, allocationLimit(size));
    Map<String, String> meta = file.metadata;
    ArrowMetadata.checkFormat(meta, file.fields, source);
    // Sizing hints only: capped by the file size, so a bogus hint cannot allocate gigabytes;
    // the arrays grow if a hint is too small.
    int nodeHint = (int) Math.min(ArrowMetadata.hint(meta, "nodeCount", source), size);
    int edgeHint = (int) Math.min(ArrowMetadata.hint(meta, "edgeCount", source), size);
    ArrowBatchLoader loader = new ArrowBatchLoader(source, nodeHint, edgeHint);
    new ArrowColumns(file, file.emptyBatch(), source); // the schema's types, before any batch
    int batches = file.batchCount();
    progress.start("reading " + Path.of(source).getFileName(), batches, "blocks");
    for (int k = 0; k < batches; k++) {
      String where = "record batch " + (k + 1) + " of " + batches;
      IpcFile.Batch batch = file.batch(k, where);
      ArrowColumns columns = new ArrowColumns(file, batch, source);
      try {
        loader.load(columns, batch.rows(), where);
      } catch (InputException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new InputException(
            source, where, "corrupt Arrow IPC file: bad column data (" + message(e) + ")", e);
      }
      progress.advance(1);
    }
    PackageGraph g = loader.finish(ArrowMetadata.metadata(meta, source));
    String expected = meta.get("contentHash");
    if (expected != null && !expected.equals(ContentHash.hex(g.contentHash()))) {
      throw new InputException(
          source,
          "checksum",
          "corrupt Arrow IPC file: the content does not match the contentHash written with it");
    }
    progress.done();
    return g;
  }

  static String message(Throwable e) {
    String m = GraphFormat.rootMessage(e);
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
