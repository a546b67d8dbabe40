package dev.preflight.graph.io.arrow;

import dev.preflight.graph.ContentHash;
import dev.preflight.graph.InputException;
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.PackageGraphBuilder;
import dev.preflight.graph.Progress;
import dev.preflight.graph.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;

/**
 * Preflight's native binary graph: one Arrow IPC <em>file</em> (the random-access format, magic
 * {@code ARROW1}; not the {@code .arrows} stream format), readable by any Arrow implementation
 * ({@code pyarrow.ipc.open_file}, DuckDB, Polars).
 *
 * <p>Layout. An IPC file holds one schema, so the nodes table and the edges table share it: each
 * row is a node, and the {@code inputs} column, a {@code list<int32>}, is the edges table in CSR
 * form, which is exactly Arrow's list layout (an offsets buffer plus one child {@code int32} buffer
 * of input node indexes, 0-based row numbers across the whole file). Columns:
 *
 * <pre>
 *   id                    utf8, not null          unique key
 *   name                  utf8, not null
 *   version               utf8, not null          "" when unknown
 *   system                dictionary&lt;int16, utf8&gt;  dictionary sorted
 *   buildSeconds          float64, null = unknown
 *   lastStatus            dictionary&lt;int8, utf8&gt;   GREEN, RED, UNKNOWN
 *   channels              list&lt;utf8&gt;
 *   aliases               list&lt;utf8&gt;
 *   sizeBytes             int64, null = unknown
 *   unchangedProbability  float64, null = default
 *   inputs                list&lt;int32&gt;             sorted ascending, distinct, no self-loops
 *   binaries              list&lt;utf8&gt;              optional: Debian binary packages
 *   features              list&lt;utf8&gt;              optional: Nix requiredSystemFeatures
 *   fixedOutput           bool                    optional: Nix fixed-output derivation
 *   relation:NAME         list&lt;int32&gt;             optional, one per relation (binnmu, static)
 * </pre>
 *
 * The optional columns are written only when the graph has them (version 2; a version-1 file is
 * read as a graph without them).
 *
 * <p>Schema metadata: {@code format} = {@code preflight-graph}, {@code formatVersion} = {@value
 * #FORMAT_VERSION}, {@code source}, {@code selfLoopsDropped}, {@code duplicateEdgesMerged}, {@code
 * unresolved} (a JSON array of strings), {@code properties} (a JSON object of strings), the sizing
 * hints {@code nodeCount} and {@code edgeCount}, and {@code contentHash} (16 hex digits, see {@link
 * ContentHash}; checked when present, since Arrow IPC has no checksum of its own). Rows are written
 * in record batches of at most {@value #BATCH_ROWS} nodes; buffers are optionally compressed with
 * the IPC format's own body compression (ZSTD when writing; ZSTD or LZ4-frame when reading).
 *
 * <p>Reading does not use Arrow Java's object model: {@link IpcFile} reads the footer and the
 * messages' FlatBuffers and decompresses the buffers itself, and the buffers are copied in bulk
 * into the graph's primitive arrays and handed to {@link PackageGraphBuilder#fromColumns}, which
 * validates them in one O(nodes + edges) pass without sorting: no object per node other than its
 * strings. (Arrow Java's reader loads about 1,500 classes, Jackson's object mapper and Netty among
 * them, half of a short command's start; issue 17.) For files written by other tools the reader
 * also accepts {@code system} and {@code lastStatus} as plain {@code utf8}, Hydra status words,
 * missing optional columns (everything but {@code id} and {@code inputs}), and extra columns of any
 * type, which it skips.
 *
 * <p>Writing uses Arrow Java ({@code ArrowFileWriter}) with its own {@link RootAllocator}, closed
 * before returning; no Arrow type escapes this package. Reading allocates at most {@link
 * ArrowGraphReader#allocationLimit(long)} for uncompressed buffers, so a corrupt length field is a
 * clean {@link InputException}, never an {@link OutOfMemoryError}. Thread-safe (stateless). Output
 * is deterministic: the same graph and compression give byte-identical files.
 *
 * <p>The jobs live in this package, one class each: {@link ArrowSchema} (columns, types,
 * dictionaries, schema metadata for writing), {@link ArrowGraphWriter} (record batches), {@link
 * IpcFile} (the IPC file's frame, footer, dictionaries and record batches, with {@link IpcBody},
 * {@link IpcField} and {@link IpcColumn}), {@link ArrowMetadata} (the schema metadata read back),
 * {@link ArrowGraphReader} (the batch loop, the content hash check), {@link ArrowColumns} (the
 * reader's type checks), {@link ArrowBatchLoader} (buffers into the graph's arrays), {@link
 * ArrowLists} (list and categorical columns). The content hash is the graph's own ({@link
 * PackageGraph#contentHash}).
 */
public final class ArrowGraphFormat {
  /** The layout version this code writes and reads. */
  public static final int FORMAT_VERSION = 2;

  /**
   * Layout versions this code reads: version 1 lacks the optional extra columns (binaries,
   * features, fixedOutput, relations), which is the same as a version-2 file without them.
   */
  static final java.util.Set<String> READABLE_VERSIONS = java.util.Set.of("1", "2");

  /** The {@code format} value in the schema metadata. */
  public static final String FORMAT_NAME = "preflight-graph";

  static final int BATCH_ROWS = 1 << 16;

  /**
   * Body compression of the record batches when writing. LZ4-frame files written by other tools are
   * read, but not offered for writing: Arrow Java compresses LZ4 through commons-compress, measured
   * ~100x slower than ZSTD here (27 s against 0.25 s for a 2,000-node graph).
   */
  public enum Compression {
    /** Uncompressed: about 3.5x larger than ZSTD. */
    NONE(CompressionUtil.CodecType.NO_COMPRESSION),
    /** Zstandard (native zstd-jni): the default, for files that are committed or shipped. */
    ZSTD(CompressionUtil.CodecType.ZSTD);

    final CompressionUtil.CodecType codec;

    Compression(CompressionUtil.CodecType codec) {
      this.codec = codec;
    }

    /** The compression with this name (any case); an unknown name lists the known ones. */
    public static Compression byName(String name) {
      for (Compression c : values()) {
        if (c.name().equalsIgnoreCase(name)) {
          return c;
        }
      }
      throw dev.preflight.graph.Names.unknown(
          "Arrow compression", name, java.util.List.of("none", "zstd"));
    }
  }

  private ArrowGraphFormat() {}

  /** Writes {@code graph} to {@code file} atomically (temporary file and rename). */
  public static void write(PackageGraph graph, Path file, Compression compression) {
    AtomicFiles.write(file, tmp -> writeTo(graph, tmp, compression));
  }

  /** Writes {@code graph} to {@code file} directly (callers provide atomicity). */
  public static void writeTo(PackageGraph g, Path file, Compression compression)
      throws IOException {
    ArrowGraphWriter.writeTo(g, file, compression.codec, BATCH_ROWS);
  }

  /**
   * Reads a graph written by {@link #write} (or by another Arrow tool in the same layout).
   *
   * @throws InputException naming the file and the footer, record batch or node for a file that is
   *     not an Arrow IPC file, is truncated or corrupt, or breaks the layout
   */
  public static PackageGraph read(Path file, Progress progress) {
    return ArrowGraphReader.read(file, progress);
  }

  /**
   * {@code graph} as the bytes of an Arrow IPC file (what {@link #writeTo} would write), for a
   * graph shipped in memory (the batch snapshot Spark broadcasts).
   */
  public static byte[] toBytes(PackageGraph graph, Compression compression) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 16 * graph.nodeCount());
    try (WritableByteChannel channel = Channels.newChannel(out)) {
      ArrowGraphWriter.write(graph, channel, compression.codec, BATCH_ROWS);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return out.toByteArray();
  }

  /**
   * The graph in {@code bytes} made by {@link #toBytes}, read and checked as a file would be.
   *
   * @param source names the bytes in error messages
   */
  public static PackageGraph fromBytes(byte[] bytes, String source) {
    try (SeekableByteChannel channel = new ByteArrayReadableSeekableByteChannel(bytes)) {
      return ArrowGraphReader.read(channel, source, Progress.NONE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
