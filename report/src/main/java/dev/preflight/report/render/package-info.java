/**
 * Rendering of computed results for people and machines: aligned text tables (width-aware, colour
 * only on a terminal and never with {@code NO_COLOR}), tables for CSV (written by graph-model's
 * {@link dev.preflight.graph.io.Csv}) and Arrow, and the small helpers the formatters of every
 * command share. Renderers never compute: they format a result type.
 */
package dev.preflight.report.render;
