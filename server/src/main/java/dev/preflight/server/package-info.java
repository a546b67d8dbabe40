/**
 * {@code preflight serve}: the graphs held in memory behind a JSON API. Every answer of {@code
 * /v1/impact}, {@code /v1/cost}, {@code /v1/risk} and {@code /v1/plan} goes through the same
 * question classes and renderers as the command line's {@code --format json}, so a bot and a person
 * at a terminal read the same bytes; graphs swap atomically on reload.
 */
package dev.preflight.server;
