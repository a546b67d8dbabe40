/**
 * The {@code preflight} command line: picocli commands that load a graph, call the engines of the
 * simulator and hand their results to a renderer. Commands return named exit codes; deep code
 * signals bad input with {@link dev.preflight.graph.InputException} and {@link Main} turns it into
 * one line on stderr and exit code 2.
 */
package dev.preflight.cli;
