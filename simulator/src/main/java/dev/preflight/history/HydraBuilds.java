package dev.preflight.history;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preflight.graph.InputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads Hydra's own build records as a history: the JSON array its API returns for an evaluation's
 * builds ({@code GET /eval/<id>/builds}), each object rendered by {@code as_json} in Hydra's {@code
 * Builds} result class (NixOS/hydra {@code subprojects/hydra/lib/Hydra/Schema/Result/Builds.pm},
 * commit 7935cda9; before the Meson layout {@code src/lib/Hydra/Schema/Result/Builds.pm}):
 *
 * <pre>
 * [{"id": 1, "job": "curl.x86_64-linux", "system": "x86_64-linux", "finished": 1,
 *   "buildstatus": 0, "starttime": 1700000000, "stoptime": 1700000300,
 *   "drvpath": "/nix/store/…-curl-8.6.0.drv", "nixname": "curl-8.6.0", …}]
 * </pre>
 *
 * <ul>
 *   <li>The history id is the job with its system ({@code curl.x86_64-linux}: nixpkgs' {@code
 *       release.nix} names jobs so already; other jobs get {@code .system} appended), with the
 *       {@code drvpath} as the alternate form, so a record matches an imported graph by drv path
 *       and any graph by job and system ({@link History#bind}).
 *   <li>An unfinished build ({@code finished} 0: queued or busy) carries no result and is skipped
 *       (counted in {@link History#skippedRecords}).
 *   <li>{@code buildstatus} as Hydra defines it (NixOS/hydra {@code
 *       subprojects/crates/db/src/models.rs}, {@code enum BuildStatus}, commit 3fa3d3a1; the labels
 *       of {@code subprojects/hydra/root/common.tt}): 0 success; 1 failed and 6 failed with output,
 *       10 log limit exceeded, 11 output size limit exceeded, 12 not deterministic (the build's own
 *       failures) are {@link BuildResult#FAILED}; 2 dependency failed; 3 aborted, 4 cancelled and 9
 *       unsupported system (shown as aborted) are {@link BuildResult#ABORTED}; 7 timed out; 8
 *       cached failure. 13 (resolved to a content-addressed derivation) and 100 (busy, never
 *       stored) are no final result: the record is skipped. Any other code is an error.
 *   <li>Duration: {@code stoptime - starttime} for a build that ran (success and own failures); a
 *       build that took no time (Hydra copied the output from a cache) gives no duration. Finished
 *       at {@code stoptime}.
 *   <li>Bad input is one error naming the file and the record ({@code record 12}, the array index):
 *       a missing or mistyped field, an unknown status code, a negative time, {@code stoptime}
 *       before {@code starttime}.
 * </ul>
 *
 * <p>Streaming: one record is held at a time.
 */
public final class HydraBuilds {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private HydraBuilds() {}

  /**
   * Whether {@code file} is JSON: a {@code .json} name, or {@code [} or <code>{</code> as the first
   * non-blank character. Marks and resets {@code r}.
   */
  static boolean looksLikeJson(Path file, BufferedReader r) throws IOException {
    if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
      return true;
    }
    r.mark(4096);
    int c;
    int read = 0;
    do {
      c = r.read();
      read++;
    } while (c >= 0 && read < 4000 && (Character.isWhitespace(c) || c == '\uFEFF'));
    r.reset();
    return c == '[' || c == '{';
  }

  /** Reads Hydra's builds JSON; {@code source} names it in error messages. */
  public static History parse(Reader reader, String source) {
    HistoryFile.Rows rows = new HistoryFile.Rows();
    try (JsonParser p = MAPPER.getFactory().createParser(reader)) {
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_ARRAY) {
        throw new InputException(
            source,
            null,
            "expected a JSON array of Hydra builds (the API's /eval/<id>/builds), found "
                + (t == null ? "nothing" : t.asString() == null ? t.toString() : t.asString()));
      }
      int index = 0;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t == null) {
          throw new InputException(source, "record " + index, "truncated JSON: no closing ']'");
        }
        String where = "record " + index;
        JsonNode b = MAPPER.readTree(p);
        if (b == null || !b.isObject()) {
          throw new InputException(source, where, "expected a build object");
        }
        record(b, rows, source, where);
        index++;
      }
      if (p.nextToken() != null) {
        throw new InputException(source, null, "unexpected content after the array");
      }
    } catch (JsonProcessingException e) {
      throw new InputException(
          source,
          e.getLocation() == null ? null : "line " + e.getLocation().getLineNr(),
          "malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InputException(source, null, "cannot read: " + e.getMessage());
    }
    return rows.build(source);
  }

  private static void record(JsonNode b, HistoryFile.Rows rows, String source, String where) {
    String job = text(b, "job", source, where);
    String system = text(b, "system", source, where);
    String drv = b.hasNonNull("drvpath") ? text(b, "drvpath", source, where) : null;
    JsonNode finished = b.get("finished");
    if (finished == null || !(finished.isIntegralNumber() || finished.isBoolean())) {
      throw new InputException(source, where, "'finished' must be 0 or 1 (job '" + job + "')");
    }
    if (!(finished.isBoolean() ? finished.asBoolean() : finished.asLong() != 0)) {
      rows.skip();
      return;
    }
    long status = integer(b, "buildstatus", source, where, job);
    long start = integer(b, "starttime", source, where, job);
    long stop = integer(b, "stoptime", source, where, job);
    if (start < 0 || stop < 0) {
      throw new InputException(source, where, "negative starttime or stoptime (job '" + job + "')");
    }
    if (stop < start) {
      throw new InputException(
          source,
          where,
          "stoptime " + stop + " is before starttime " + start + " (job '" + job + "')");
    }
    BuildResult result;
    switch ((int) Math.max(Math.min(status, Integer.MAX_VALUE), Integer.MIN_VALUE)) {
      case 0 -> result = BuildResult.SUCCESS;
      case 1, 6, 10, 11, 12 -> result = BuildResult.FAILED;
      case 2 -> result = BuildResult.DEPENDENCY_FAILED;
      case 3, 4, 9 -> result = BuildResult.ABORTED;
      case 7 -> result = BuildResult.TIMEOUT;
      case 8 -> result = BuildResult.CACHED_FAILURE;
      case 13, 100 -> {
        rows.skip();
        return;
      }
      default ->
          throw new InputException(
              source,
              where,
              "unknown buildstatus "
                  + status
                  + " (job '"
                  + job
                  + "'; Hydra's are 0-4, 6-13 and 100)");
    }
    boolean ran =
        result == BuildResult.SUCCESS
            || result.ownFailure() && result != BuildResult.CACHED_FAILURE;
    double seconds = ran && stop > start ? stop - start : Double.NaN;
    String id = job.endsWith("." + system) ? job : job + "." + system;
    rows.add(id, drv, seconds, result, stop);
  }

  private static String text(JsonNode b, String field, String source, String where) {
    JsonNode v = b.get(field);
    if (v == null || v.isNull()) {
      throw new InputException(source, where, "missing '" + field + "'");
    }
    if (!v.isTextual() || v.asText().isEmpty()) {
      throw new InputException(source, where, "'" + field + "' must be a non-empty string");
    }
    return v.asText();
  }

  private static long integer(JsonNode b, String field, String source, String where, String job) {
    JsonNode v = b.get(field);
    if (v == null || v.isNull()) {
      throw new InputException(
          source, where, "missing '" + field + "' in a finished build (job '" + job + "')");
    }
    if (!v.isIntegralNumber()) {
      throw new InputException(
          source, where, "'" + field + "' must be an integer (job '" + job + "')");
    }
    return v.asLong();
  }
}
