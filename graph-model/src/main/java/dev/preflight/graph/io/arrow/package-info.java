/**
 * Preflight's native graph file, an Arrow IPC file, one class per job: {@link
 * dev.preflight.graph.io.arrow.ArrowGraphFormat} is the entry point (write, read, bytes for the
 * batch snapshot); {@code ArrowSchema} the layout, {@code ArrowGraphWriter} the record batches
 * (through Arrow Java); {@code IpcFile} reads the file with nothing but its FlatBuffers metadata
 * and the ZSTD/LZ4 codecs, {@code ArrowGraphReader} the bounded reading and the content hash check,
 * {@code ArrowColumns} and {@code ArrowBatchLoader} the type checks and the copy of the buffers
 * into the graph's arrays. No Arrow type leaves this package.
 */
package dev.preflight.graph.io.arrow;
