/**
 * The renderers of the command line: each report type (impact, cost, risk, plan) has a view record
 * or report record computed by the commands, a renderer class per output (table, JSON, CSV,
 * Markdown, Arrow, HTML) and an enum of formats looked up by name. Nothing here computes a figure;
 * numbers, durations and money go through {@link dev.preflight.report.Fmt} in {@code Locale.ROOT}.
 */
package dev.preflight.report;
