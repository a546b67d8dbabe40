/**
 * The Debian importer: a streaming reader of deb822 control files (plain, xz or gzip), a parser of
 * relationship fields with dpkg's architecture wildcards and build-profile formulas, dpkg's version
 * order, and the construction of the source-level build graph from a suite's {@code Sources} and
 * {@code Packages} indices exactly as DESIGN.md §5 defines it ({@link
 * dev.preflight.graph.io.debian.DebianImporter}). Bad input becomes an {@link
 * dev.preflight.graph.InputException} naming the file and {@code line N (stanza K)}.
 */
package dev.preflight.graph.io.debian;
