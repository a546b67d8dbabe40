package dev.preflight.graph.io.arrow;

import dev.preflight.graph.ContentHash;
import dev.preflight.graph.InputException;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.graph.io.GraphFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.flatbuf.Footer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.ipc.message.ArrowFooter;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.ValueVectorUtility;

/**
 * Reads an Arrow IPC file into a graph: the frame checks (magic at both ends, footer and block
 * bounds), the batch loop and the content hash check.
 *
 * <p>Allocations are bounded by the file's size, so that a corrupt length field is an {@link
 * InputException} naming the file and never an {@link OutOfMemoryError} (a fuzzing finding: a
 * mutated 38 KB file made Arrow's ZSTD codec ask for 8 EB): every footer block must lie inside the
 * file before Arrow reads it (its metadata is read into a heap buffer of the length the block
 * claims); Arrow's buffers come from an allocator limited to {@link #allocationLimit}; each loaded
 * batch is checked by Arrow's own {@code VectorSchemaRoot#validate} (value counts against buffer
 * capacities) before its rows are copied, so the row count and list offsets cannot size our arrays
 * beyond what the buffers hold.
 */
final class ArrowGraphReader {
  /** The trailing frame: the footer's int32 length and the closing magic. */
  private static final int TRAILER = 4 + 6;

  private ArrowGraphReader() {}

  static PackageGraph read(Path file, Progress progress) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return read(channel, file.toString(), progress);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The most Arrow may allocate to read a file of {@code fileSize} bytes: 64 MiB (room for one
   * uncompressed batch of {@value ArrowGraphFormat#BATCH_ROWS} rows) plus 64 times the file size.
   * Uncompressed, no buffer can be larger than the file; ZSTD shrinks a graph about 3.5 times
   * (measured on the bundled Debian graph), so 64 leaves a wide margin for unusually repetitive
   * columns while a length field claiming gigabytes in a small file is refused.
   */
  static long allocationLimit(long fileSize) {
    return (64L << 20) + 64L * fileSize;
  }

  static PackageGraph read(SeekableByteChannel channel, String source, Progress progress)
      throws IOException {
    long size = channel.size();
    checkFrame(channel, source);
    BufferAllocator allocator = new RootAllocator(allocationLimit(size));
    boolean ok = false;
    try (ArrowFileReader reader =
        new ArrowFileReader(channel, allocator, CommonsCompressionFactory.INSTANCE)) {
      PackageGraph g = read(reader, source, size, progress);
      ok = true;
      return g;
    } finally {
      // Arrow can leak buffers when it fails half-way through a corrupt batch; closing the
      // allocator then logs an error and throws over the InputException the user needs. On that
      // path the few leaked buffers are left to the garbage collector.
      if (ok || allocator.getAllocatedMemory() == 0) {
        allocator.close();
      }
    }
  }

  /**
   * The file's frame: {@code ARROW1} at both ends, a footer whose length fits the file, and every
   * dictionary and record batch block inside the file (Arrow reads a block's metadata into a heap
   * buffer of the length the block claims, before any check of its own).
   */
  private static void checkFrame(SeekableByteChannel channel, String source) throws IOException {
    ByteBuffer head = ByteBuffer.allocate(ArrowSchema.MAGIC.length);
    readFully(channel, head);
    byte[] bytes = head.array();
    if (head.position() < ArrowSchema.MAGIC.length || !Arrays.equals(bytes, ArrowSchema.MAGIC)) {
      boolean stream =
          head.position() >= 4
              && bytes[0] == (byte) 0xFF
              && bytes[1] == (byte) 0xFF
              && bytes[2] == (byte) 0xFF
              && bytes[3] == (byte) 0xFF;
      throw new InputException(
          source,
          null,
          stream
              ? "not an Arrow IPC file: this is an Arrow IPC stream (.arrows); Preflight reads the"
                  + " IPC file format"
              : "not an Arrow IPC file (it does not start with ARROW1)");
    }
    // A file cut short (a failed copy or download) loses its footer and closing magic first.
    long size = channel.size();
    ByteBuffer tail = ByteBuffer.allocate(TRAILER).order(ByteOrder.LITTLE_ENDIAN);
    if (size >= 2L * ArrowSchema.MAGIC.length + 4) {
      channel.position(size - TRAILER);
      readFully(channel, tail);
    }
    if (!Arrays.equals(Arrays.copyOfRange(tail.array(), 4, TRAILER), ArrowSchema.MAGIC)) {
      throw new InputException(
          source,
          "footer",
          "truncated Arrow IPC file: it starts with ARROW1 but does not end with it ("
              + size
              + " bytes; cut off while copying or writing?)");
    }
    int footerLength = tail.getInt(0);
    long footerStart = size - TRAILER - footerLength;
    if (footerLength <= 0 || footerStart < 8) {
      throw new InputException(
          source,
          "footer",
          "corrupt Arrow IPC file: footer length "
              + footerLength
              + " does not fit its "
              + size
              + " bytes");
    }
    ByteBuffer footer = ByteBuffer.allocate(footerLength);
    channel.position(footerStart);
    readFully(channel, footer);
    footer.flip();
    List<ArrowBlock> blocks = new ArrayList<>();
    try {
      ArrowFooter f = new ArrowFooter(Footer.getRootAsFooter(footer));
      blocks.addAll(f.getDictionaries());
      blocks.addAll(f.getRecordBatches());
    } catch (RuntimeException e) {
      throw new InputException(
          source,
          "footer",
          "corrupt Arrow IPC file: cannot read its footer (" + message(e) + ")",
          e);
    }
    for (ArrowBlock b : blocks) {
      if (b.getOffset() < 8
          || b.getMetadataLength() <= 0
          || b.getBodyLength() < 0
          || b.getOffset() + b.getMetadataLength() + b.getBodyLength() > footerStart) {
        throw new InputException(
            source,
            "footer",
            "corrupt Arrow IPC file: a block at offset "
                + b.getOffset()
                + " with "
                + b.getMetadataLength()
                + " + "
                + b.getBodyLength()
                + " bytes lies outside the file's "
                + size
                + " bytes");
      }
    }
    channel.position(0);
  }

  private static void readFully(SeekableByteChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
      // keep reading: a channel may return fewer bytes than asked
    }
  }

  private static PackageGraph read(
      ArrowFileReader reader, String source, long fileSize, Progress progress) {
    VectorSchemaRoot root;
    List<ArrowBlock> blocks;
    Map<Long, Dictionary> dictionaries;
    try {
      root = reader.getVectorSchemaRoot();
      blocks = reader.getRecordBlocks();
      dictionaries = reader.getDictionaryVectors();
    } catch (IOException | RuntimeException | AssertionError e) {
      // Arrow checks some invariants of what it read with Java asserts (a negative value count in
      // BaseVariableWidthVector.setValueCount): with assertions on (tests, fuzzing) the same
      // corrupt input, so the same refusal.
      throw new InputException(
          source,
          "footer",
          "corrupt Arrow IPC file: cannot read its footer (" + message(e) + ")",
          e);
    }
    Schema schema = root.getSchema();
    Map<String, String> meta = schema.getCustomMetadata();
    ArrowSchema.checkFormat(meta, schema, source);
    ArrowColumns columns = new ArrowColumns(root, dictionaries, source);
    // Sizing hints only: capped by the file size, so a bogus hint cannot allocate gigabytes;
    // the arrays grow if a hint is too small.
    int nodeHint = (int) Math.min(ArrowSchema.hint(meta, "nodeCount", source), fileSize);
    int edgeHint = (int) Math.min(ArrowSchema.hint(meta, "edgeCount", source), fileSize);
    ArrowBatchLoader loader = new ArrowBatchLoader(source, nodeHint, edgeHint);
    progress.start("reading " + Path.of(source).getFileName(), blocks.size(), "blocks");
    for (int k = 0; k < blocks.size(); k++) {
      String where = "record batch " + (k + 1) + " of " + blocks.size();
      try {
        reader.loadRecordBatch(blocks.get(k));
        ValueVectorUtility.validate(root);
      } catch (IOException | RuntimeException | AssertionError e) {
        throw new InputException(
            source, where, "corrupt Arrow IPC file: cannot load the batch (" + message(e) + ")", e);
      }
      try {
        loader.load(columns, root.getRowCount(), where);
      } catch (InputException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new InputException(
            source, where, "corrupt Arrow IPC file: bad column data (" + message(e) + ")", e);
      }
      progress.advance(1);
    }
    PackageGraph g = loader.finish(ArrowSchema.metadata(meta, source));
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
