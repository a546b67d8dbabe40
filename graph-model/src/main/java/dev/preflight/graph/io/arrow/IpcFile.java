package dev.preflight.graph.io.arrow;

import com.github.luben.zstd.Zstd;
import dev.preflight.graph.InputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flatbuf.Block;
import org.apache.arrow.flatbuf.BodyCompression;
import org.apache.arrow.flatbuf.CompressionType;
import org.apache.arrow.flatbuf.DictionaryBatch;
import org.apache.arrow.flatbuf.DictionaryEncoding;
import org.apache.arrow.flatbuf.Endianness;
import org.apache.arrow.flatbuf.Field;
import org.apache.arrow.flatbuf.FieldNode;
import org.apache.arrow.flatbuf.FloatingPoint;
import org.apache.arrow.flatbuf.Footer;
import org.apache.arrow.flatbuf.Int;
import org.apache.arrow.flatbuf.KeyValue;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.flatbuf.Schema;
import org.apache.arrow.flatbuf.Type;
import org.apache.arrow.flatbuf.Union;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorInputStream;

/**
 * An Arrow IPC file read with nothing but its FlatBuffers metadata ({@code arrow-format}'s
 * generated {@code org.apache.arrow.flatbuf} classes) and the two body codecs: the footer, the
 * schema, the dictionary batches and each record batch's columns as {@link IpcColumn}s over the
 * body's bytes.
 *
 * <p>Why not Arrow Java's {@code ArrowFileReader}: it builds a {@code VectorSchemaRoot} through
 * arrow-vector, arrow-memory and Netty, and its {@code Schema} class builds a Jackson object mapper
 * when it loads, about 1,500 classes and half of a short command's start (issue 17, measured in
 * docs/operations.md "Start-up"). The layout followed is Arrow's specification, "Arrow Columnar
 * Format" (apache/arrow, {@code docs/source/format/Columnar.rst}: the IPC file format, encapsulated
 * messages with or without the 0xFFFFFFFF continuation, buffer layouts by type) and {@code
 * format/Message.fbs} (body compression: each buffer an int64 little-endian uncompressed length, -1
 * for "stored uncompressed", then LZ4-frame or ZSTD data). Arrow Java's reader stays the test
 * oracle ({@code IpcFileTest}), and still writes the files.
 *
 * <p>Every length read from the file is checked before it sizes anything: blocks lie inside the
 * file, buffers inside their body, uncompressed lengths within {@link #budget} (the reader's
 * allocation limit, {@link ArrowGraphReader#allocationLimit}), column buffers against their
 * column's length ({@link IpcColumn}). Not thread-safe; one reader per file.
 */
final class IpcFile {
  /**
   * The file's magic at both ends. Its own constant, not ArrowSchema's: that class builds a Jackson
   * object mapper when it loads, 20 ms of a short command's graph read that reading never needs.
   */
  static final byte[] MAGIC = "ARROW1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private static final int TRAILER = 4 + 6;

  private final SeekableByteChannel channel;
  private final String source;
  private final long size;
  private long budget;
  final List<IpcField> fields;
  final Map<String, String> metadata;
  private final List<long[]> dictionaryBlocks = new ArrayList<>();
  private final List<long[]> batchBlocks = new ArrayList<>();

  /** The dictionaries by id: one column each, of the dictionary-encoded field's value type. */
  final Map<Long, IpcColumn> dictionaries = new HashMap<>();

  private IpcFile(SeekableByteChannel channel, String source, long budget) throws IOException {
    this.channel = channel;
    this.source = source;
    this.size = channel.size();
    this.budget = budget;
    long footerStart = checkFrame();
    ByteBuffer footerBytes = read(footerStart, (int) (size - TRAILER - footerStart));
    List<IpcField> f;
    Map<String, String> m;
    try {
      Footer footer = Footer.getRootAsFooter(footerBytes);
      Schema schema = footer.schema();
      if (schema == null) {
        throw new IllegalArgumentException("the footer has no schema");
      }
      if (schema.endianness() == Endianness.Big) {
        throw new InputException(
            source, "schema", "a big-endian Arrow file; Preflight reads little-endian files");
      }
      f = new ArrayList<>();
      for (int i = 0; i < count(schema.fieldsLength()); i++) {
        f.add(field(schema.fields(i), 0));
      }
      m = new LinkedHashMap<>();
      for (int i = 0; i < count(schema.customMetadataLength()); i++) {
        KeyValue kv = schema.customMetadata(i);
        if (kv.key() != null) {
          m.put(kv.key(), kv.value() == null ? "" : kv.value());
        }
      }
      for (int i = 0; i < count(footer.dictionariesLength()); i++) {
        dictionaryBlocks.add(block(footer.dictionaries(i), footerStart));
      }
      for (int i = 0; i < count(footer.recordBatchesLength()); i++) {
        batchBlocks.add(block(footer.recordBatches(i), footerStart));
      }
    } catch (InputException e) {
      throw e;
    } catch (RuntimeException e) {
      throw corrupt("footer", "cannot read its footer (" + ArrowGraphReader.message(e) + ")", e);
    }
    this.fields = List.copyOf(f);
    this.metadata = m;
  }

  /** Opens {@code channel} and reads its footer, schema and dictionaries. */
  static IpcFile open(SeekableByteChannel channel, String source, long budget) throws IOException {
    IpcFile file = new IpcFile(channel, source, budget);
    file.readDictionaries();
    return file;
  }

  int batchCount() {
    return batchBlocks.size();
  }

  /**
   * Record batch {@code k}: its row count and one column per schema field, in schema order.
   *
   * @param where names the batch in error messages
   */
  Batch batch(int k, String where) throws IOException {
    Message message = message(batchBlocks.get(k), where, MessageHeader.RecordBatch);
    try {
      RecordBatch rb = (RecordBatch) message.header(new RecordBatch());
      if (rb == null) {
        throw new IllegalArgumentException("a record batch message without its header");
      }
      IpcBody body = body(batchBlocks.get(k), rb, where);
      long rows = rb.length();
      if (rows < 0 || rows > Integer.MAX_VALUE - 1) {
        throw new IllegalArgumentException("row count " + rows);
      }
      IpcColumn[] columns = new IpcColumn[fields.size()];
      for (int i = 0; i < columns.length; i++) {
        columns[i] = body.column(fields.get(i), where);
        if (columns[i] != null && columns[i].length != rows) {
          throw new IllegalArgumentException(
              "column '"
                  + fields.get(i).name()
                  + "' has "
                  + columns[i].length
                  + " values in a batch of "
                  + rows
                  + " rows");
        }
      }
      body.checkAllUsed(where);
      return new Batch((int) rows, columns);
    } catch (InputException e) {
      throw e;
    } catch (RuntimeException e) {
      throw corrupt(where, "cannot load the batch (" + ArrowGraphReader.message(e) + ")", e);
    }
  }

  /** A batch of no rows and no columns, for checking the schema's types alone. */
  Batch emptyBatch() {
    return new Batch(0, new IpcColumn[fields.size()]);
  }

  /** One record batch: its rows and its columns in schema order (null for a skipped column). */
  record Batch(int rows, IpcColumn[] columns) {}

  private void readDictionaries() throws IOException {
    Map<Long, IpcField> byId = new HashMap<>();
    collectDictionaries(fields, byId);
    for (int k = 0; k < dictionaryBlocks.size(); k++) {
      String where = "dictionary " + (k + 1) + " of " + dictionaryBlocks.size();
      Message message = message(dictionaryBlocks.get(k), where, MessageHeader.DictionaryBatch);
      try {
        readDictionary(message, byId, k, where);
      } catch (InputException e) {
        throw e;
      } catch (RuntimeException e) {
        throw corrupt(where, "cannot read the dictionary (" + ArrowGraphReader.message(e) + ")", e);
      }
    }
  }

  private void readDictionary(Message message, Map<Long, IpcField> byId, int k, String where)
      throws IOException {
    DictionaryBatch db = (DictionaryBatch) message.header(new DictionaryBatch());
    RecordBatch rb = db == null ? null : db.data();
    if (rb == null) {
      throw new IllegalArgumentException("no data");
    }
    IpcField owner = byId.get(db.id());
    if (owner == null) {
      throw new IllegalArgumentException("dictionary id " + db.id() + " belongs to no column");
    }
    if (db.isDelta()) {
      throw new InputException(
          source, where, "delta dictionaries are not supported (column '" + owner.name() + "')");
    }
    IpcField values =
        new IpcField(
            owner.name() + " dictionary",
            owner.type(),
            owner.bitWidth(),
            owner.signed(),
            owner.precision(),
            owner.unionMode(),
            -1,
            0,
            false,
            owner.children());
    IpcBody body = body(dictionaryBlocks.get(k), rb, where);
    IpcColumn column = body.column(values, where);
    body.checkAllUsed(where);
    if (column != null && column.length != rb.length()) {
      throw new IllegalArgumentException(
          column.length + " values in a dictionary batch of " + rb.length() + " rows");
    }
    dictionaries.put(db.id(), column);
  }

  private static void collectDictionaries(List<IpcField> fields, Map<Long, IpcField> byId) {
    for (IpcField f : fields) {
      if (f.isDictionary()) {
        byId.put(f.dictionaryId(), f);
      }
      collectDictionaries(f.children(), byId);
    }
  }

  private IpcField field(Field f, int depth) {
    if (depth > 64) {
      throw new IllegalArgumentException("fields nested more than 64 deep");
    }
    byte type = f.typeType();
    int bitWidth = 0;
    boolean signed = false;
    short precision = 0;
    short unionMode = 0;
    if (type == Type.Int) {
      Int t = (Int) f.type(new Int());
      bitWidth = t.bitWidth();
      signed = t.isSigned();
    } else if (type == Type.FloatingPoint) {
      precision = ((FloatingPoint) f.type(new FloatingPoint())).precision();
    } else if (type == Type.Union) {
      unionMode = ((Union) f.type(new Union())).mode();
    }
    long dictionaryId = -1;
    int indexBits = 0;
    boolean indexSigned = true;
    DictionaryEncoding d = f.dictionary();
    if (d != null) {
      dictionaryId = d.id();
      if (dictionaryId < 0) {
        throw new IllegalArgumentException("negative dictionary id " + dictionaryId);
      }
      Int index = d.indexType();
      // Message.fbs: "If this field is null, the indices must be signed int32."
      indexBits = index == null ? 32 : index.bitWidth();
      indexSigned = index == null || index.isSigned();
    }
    List<IpcField> children = new ArrayList<>();
    for (int i = 0; i < count(f.childrenLength()); i++) {
      children.add(field(f.children(i), depth + 1));
    }
    String name = f.name();
    return new IpcField(
        name == null ? "" : name,
        type,
        bitWidth,
        signed,
        precision,
        unionMode,
        dictionaryId,
        indexBits,
        indexSigned,
        List.copyOf(children));
  }

  /** A FlatBuffers vector length, bounded by the file (each element takes at least 4 bytes). */
  private int count(int n) {
    if (n < 0 || n > size / 4) {
      throw new IllegalArgumentException(
          "a vector of " + n + " elements in a " + size + " byte file");
    }
    return n;
  }

  private long[] block(Block b, long footerStart) {
    long offset = b.offset();
    long meta = b.metaDataLength();
    long body = b.bodyLength();
    if (offset < 8 || meta <= 0 || body < 0 || offset + meta + body > footerStart) {
      throw new InputException(
          source,
          "footer",
          "corrupt Arrow IPC file: a block at offset "
              + offset
              + " with "
              + meta
              + " + "
              + body
              + " bytes lies outside the file's "
              + size
              + " bytes");
    }
    return new long[] {offset, meta, body};
  }

  /** The frame: ARROW1 at both ends, a footer that fits; returns where the footer starts. */
  private long checkFrame() throws IOException {
    byte[] head = new byte[MAGIC.length];
    int got = readAt(0, ByteBuffer.wrap(head));
    if (got < MAGIC.length || !Arrays.equals(head, MAGIC)) {
      boolean stream =
          got >= 4
              && head[0] == (byte) 0xFF
              && head[1] == (byte) 0xFF
              && head[2] == (byte) 0xFF
              && head[3] == (byte) 0xFF;
      throw new InputException(
          source,
          null,
          stream
              ? "not an Arrow IPC file: this is an Arrow IPC stream (.arrows); Preflight reads the"
                  + " IPC file format"
              : "not an Arrow IPC file (it does not start with ARROW1)");
    }
    // A file cut short (a failed copy or download) loses its footer and closing magic first.
    ByteBuffer tail = ByteBuffer.allocate(TRAILER).order(ByteOrder.LITTLE_ENDIAN);
    if (size >= 2L * MAGIC.length + 4) {
      readAt(size - TRAILER, tail);
    }
    if (!Arrays.equals(Arrays.copyOfRange(tail.array(), 4, TRAILER), MAGIC)) {
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
    return footerStart;
  }

  /** The message of a block, checked to be of {@code expected} header type. */
  private Message message(long[] block, String where, byte expected) throws IOException {
    long offset = block[0];
    int metaLength = (int) Math.min(block[1], Integer.MAX_VALUE - 8);
    ByteBuffer meta = read(offset, metaLength);
    try {
      // Columnar.rst, "Encapsulated message format": 0xFFFFFFFF, then the int32 metadata size
      // (before Arrow 0.15 the size came first, without the continuation marker).
      int first = meta.getInt(0);
      int start = first == -1 ? 8 : 4;
      int length = first == -1 ? meta.getInt(4) : first;
      if (length <= 0 || length > metaLength - start) {
        throw new IllegalArgumentException(
            "message length " + length + " in a block of " + metaLength + " bytes");
      }
      Message m =
          Message.getRootAsMessage(meta.slice(start, length).order(ByteOrder.LITTLE_ENDIAN));
      if (m.headerType() != expected) {
        throw new IllegalArgumentException(
            "expected a "
                + MessageHeader.name(expected)
                + " message, found header type "
                + m.headerType());
      }
      return m;
    } catch (RuntimeException e) {
      throw corrupt(where, "cannot load the batch (" + ArrowGraphReader.message(e) + ")", e);
    }
  }

  /** The body of a block: its bytes, its buffers decompressed, and its field nodes. */
  private IpcBody body(long[] block, RecordBatch rb, String where) throws IOException {
    long bodyLength = block[2];
    if (bodyLength > Integer.MAX_VALUE - 8) {
      throw new InputException(
          source, where, "record batch body of " + bodyLength + " bytes is too large to read");
    }
    ByteBuffer bytes = read(block[0] + block[1], (int) bodyLength);
    try {
      BodyCompression c = rb.compression();
      byte codec = c == null ? -1 : c.codec();
      if (c != null && c.method() != 0) {
        throw new IllegalArgumentException("body compression method " + c.method());
      }
      if (c != null && codec != CompressionType.ZSTD && codec != CompressionType.LZ4_FRAME) {
        throw new IllegalArgumentException("unknown compression codec " + codec);
      }
      int nodes = count(rb.nodesLength());
      long[][] nodeList = new long[nodes][];
      for (int i = 0; i < nodes; i++) {
        FieldNode n = rb.nodes(i);
        nodeList[i] = new long[] {n.length(), n.nullCount()};
      }
      int buffers = count(rb.buffersLength());
      ByteBuffer[] bufferList = new ByteBuffer[buffers];
      for (int i = 0; i < buffers; i++) {
        org.apache.arrow.flatbuf.Buffer b = rb.buffers(i);
        long off = b.offset();
        long len = b.length();
        if (off < 0 || len < 0 || off + len > bodyLength) {
          throw new IllegalArgumentException(
              "buffer " + i + " at " + off + " + " + len + " outside the body of " + bodyLength);
        }
        ByteBuffer raw = bytes.slice((int) off, (int) len).order(ByteOrder.LITTLE_ENDIAN);
        bufferList[i] = codec < 0 ? raw : decompress(raw, codec);
      }
      long[] variadic = new long[count(rb.variadicBufferCountsLength())];
      for (int i = 0; i < variadic.length; i++) {
        variadic[i] = rb.variadicBufferCounts(i);
      }
      return new IpcBody(nodeList, bufferList, variadic, source);
    } catch (InputException e) {
      throw e;
    } catch (RuntimeException | IOException e) {
      throw corrupt(where, "cannot load the batch (" + ArrowGraphReader.message(e) + ")", e);
    }
  }

  /** One compressed buffer (Message.fbs, BodyCompression), within the reader's budget. */
  private ByteBuffer decompress(ByteBuffer raw, byte codec) throws IOException {
    if (raw.capacity() == 0) {
      return raw;
    }
    if (raw.capacity() < 8) {
      throw new IllegalArgumentException("a compressed buffer of " + raw.capacity() + " bytes");
    }
    long length = raw.getLong(0);
    if (length == -1) {
      return raw.slice(8, raw.capacity() - 8).order(ByteOrder.LITTLE_ENDIAN);
    }
    if (length == 0) {
      return ByteBuffer.allocate(0); // Arrow Java writes an empty buffer as its length alone
    }
    if (length < 0 || length > budget || length > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "uncompressed length " + length + " exceeds what this file may allocate");
    }
    budget -= length;
    byte[] out = new byte[(int) length];
    byte[] in = new byte[raw.capacity() - 8];
    raw.get(8, in, 0, in.length);
    if (codec == CompressionType.ZSTD) {
      long got = Zstd.decompressByteArray(out, 0, out.length, in, 0, in.length);
      if (Zstd.isError(got) || got != length) {
        throw new IllegalArgumentException(
            Zstd.isError(got)
                ? "ZSTD: " + Zstd.getErrorName(got)
                : "ZSTD gave " + got + " bytes, the buffer says " + length);
      }
    } else {
      try (InputStream lz4 = new FramedLZ4CompressorInputStream(new ByteArrayInputStream(in))) {
        int got = lz4.readNBytes(out, 0, out.length);
        if (got != length) {
          throw new IllegalArgumentException(
              "LZ4 gave " + got + " bytes, the buffer says " + length);
        }
      }
    }
    return ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
  }

  private InputException corrupt(String where, String what, Throwable cause) {
    return new InputException(source, where, "corrupt Arrow IPC file: " + what, cause);
  }

  /** {@code length} bytes at {@code offset}, which the caller checked lie inside the file. */
  private ByteBuffer read(long offset, int length) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    if (readAt(offset, b) < length) {
      throw new InputException(source, null, "truncated Arrow IPC file: read past its end");
    }
    b.flip();
    return b;
  }

  private int readAt(long offset, ByteBuffer b) throws IOException {
    channel.position(offset);
    int total = 0;
    while (b.hasRemaining()) {
      int got = channel.read(b);
      if (got < 0) {
        break;
      }
      total += got;
    }
    return total;
  }
}
