/**
 * Reading and writing package graphs: the native formats (Arrow IPC, JSON, TSV) and the registry
 * that picks a format by name or file extension; and the one CSV writer and reader ({@link Csv},
 * {@link CsvReader}) every module's CSV goes through. Every writer writes to a temporary file and
 * renames it, so a failed write leaves nothing behind; every reader reports bad input as an {@link
 * dev.preflight.graph.InputException} naming the file and the record.
 */
package dev.preflight.graph.io;
