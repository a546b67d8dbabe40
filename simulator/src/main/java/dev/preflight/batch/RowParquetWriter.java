package dev.preflight.batch;

import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes {@link ResultTable} rows to Parquet through parquet-mr's {@link WriteSupport}, the way
 * parquet-mr's own object models do (parquet-avro's {@code AvroWriteSupport}, parquet-protobuf's
 * {@code ProtoWriteSupport}): a row's values are handed to the {@link RecordConsumer} field by
 * field, a {@link ResultTable.Type#STRING_LIST} as the standard three-level {@code LIST} group.
 * Rather than parquet-mr's {@code ExampleParquetWriter}, which writes {@code writer.model.name =
 * example} into the footer and has no list support of its own; this one writes {@code preflight}.
 */
final class RowParquetWriter {
  private RowParquetWriter() {}

  /** The writer model name in the file footer ({@code writer.model.name}). */
  static final String MODEL_NAME = "preflight";

  /** A builder for a writer of rows of {@code columns} in {@code schema}. */
  static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
    private final List<ResultTable.Column> columns;
    private final MessageType schema;

    Builder(OutputFile file, List<ResultTable.Column> columns, MessageType schema) {
      super(file);
      this.columns = List.copyOf(columns);
      this.schema = schema;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
      return new RowWriteSupport(columns, schema);
    }

    @Override
    protected WriteSupport<Object[]> getWriteSupport(ParquetConfiguration conf) {
      return new RowWriteSupport(columns, schema);
    }
  }

  private static final class RowWriteSupport extends WriteSupport<Object[]> {
    private final List<ResultTable.Column> columns;
    private final MessageType schema;
    private RecordConsumer out;

    RowWriteSupport(List<ResultTable.Column> columns, MessageType schema) {
      this.columns = columns;
      this.schema = schema;
    }

    @Override
    public String getName() {
      return MODEL_NAME;
    }

    @Override
    public WriteContext init(Configuration configuration) {
      return new WriteContext(schema, Map.of());
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
      return new WriteContext(schema, Map.of());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.out = recordConsumer;
    }

    @Override
    public void write(Object[] row) {
      out.startMessage();
      for (int c = 0; c < row.length; c++) {
        Object v = row[c];
        ResultTable.Column col = columns.get(c);
        if (v == null
            || (col.type() == ResultTable.Type.DOUBLE && ResultTable.present(v) == null)) {
          continue; // an absent optional field is simply not written
        }
        out.startField(col.name(), c);
        switch (col.type()) {
          case STRING -> out.addBinary(Binary.fromString((String) v));
          case LONG -> out.addLong((Long) v);
          case DOUBLE -> out.addDouble((Double) v);
          case STRING_LIST -> writeList(OutputFormat.strings(v));
        }
        out.endField(col.name(), c);
      }
      out.endMessage();
    }

    /** {@code group (LIST) { repeated group list { optional binary element } }}. */
    private void writeList(List<String> values) {
      out.startGroup();
      if (!values.isEmpty()) {
        out.startField("list", 0);
        for (String s : values) {
          out.startGroup();
          out.startField("element", 0);
          out.addBinary(Binary.fromString(s));
          out.endField("element", 0);
          out.endGroup();
        }
        out.endField("list", 0);
      }
      out.endGroup();
    }
  }
}
