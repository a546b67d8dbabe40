/**
 * The four questions (impact, cost, risk, plan) from parsed arguments to the result a renderer
 * shows: one code path for the command line and the HTTP server, so {@code preflight cost --format
 * json} and {@code GET /v1/cost} print the same bytes. Each question is a request record (the
 * options as values, validated in one place with the command line's messages) and a method that
 * answers it on a graph held by the caller; the caller owns the executor and the graph.
 */
package dev.preflight.report.question;
