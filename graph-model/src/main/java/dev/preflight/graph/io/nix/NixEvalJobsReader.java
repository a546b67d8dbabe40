package dev.preflight.graph.io.nix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preflight.graph.InputException;
import dev.preflight.graph.Progress;
import dev.preflight.graph.io.JsonProblems;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON lines nix-eval-jobs prints, one evaluated attribute per line (see its {@code
 * src/response.cc} and {@code src/drv.cc}):
 *
 * <pre>
 * {"attr":"curl","attrPath":["curl"],"drvPath":"/nix/store/…-curl-8.5.0.drv","name":"curl-8.5.0",
 *  "system":"x86_64-linux","outputs":{"out":"/nix/store/…-curl-8.5.0"},
 *  "inputDrvs":{"/nix/store/…-openssl-3.0.13.drv":["out"]},"requiredSystemFeatures":[]}
 * {"attr":"broken","attrPath":["broken"],"error":"…","fatal":false}
 * </pre>
 *
 * <ul>
 *   <li>A job line ({@code drvPath}) becomes a derivation: name from {@code name} as {@code
 *       builtins.parseDrvName} splits it, system from {@code system}, inputs from {@code inputDrvs}
 *       (printed only with {@code --show-input-drvs}: without it there are no edges, and the lines
 *       are best combined with a {@code nix derivation show --recursive} file).
 *   <li>When several attributes evaluate to the same {@code drvPath}, the derivation is counted
 *       once and every attribute name is kept; {@link NixImport} turns the ones that differ from
 *       the package name into aliases. A job's own system as the last or first component of its
 *       attribute ({@code curl.x86_64-linux} in Hydra's {@code release.nix}, {@code
 *       x86_64-linux.curl} for flake outputs) is dropped: the attribute is {@code curl}.
 *   <li>{@code requiredSystemFeatures} (a list) is kept for placement. A line does not say whether
 *       the job is a fixed-output derivation: nix-eval-jobs prints {@code outputs} as a map of
 *       output names to store paths only (its {@code src/drv.cc}, commit 82d2adb0); combine the
 *       lines with a {@code nix derivation show --recursive} file to know.
 *   <li>An {@code error} line (an attribute that failed to evaluate) is counted and reported, not
 *       fatal; an {@code attrs} line (an attribute set nix-eval-jobs recursed into) is skipped.
 *   <li>Malformed JSON (a truncated last line) and lines of none of these kinds are errors naming
 *       the line.
 * </ul>
 */
final class NixEvalJobsReader {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int ERRORS_QUOTED = 5;

  private NixEvalJobsReader() {}

  private static final class Job {
    final String id;
    final String name;
    final String version;
    final String system;
    final LinkedHashSet<String> inputs = new LinkedHashSet<>();
    final LinkedHashSet<String> attributes = new LinkedHashSet<>();
    final String where;
    List<String> features;

    Job(String id, String name, String version, String system, String where) {
      this.id = id;
      this.name = name;
      this.version = version;
      this.system = system;
      this.where = where;
    }
  }

  static NixFile read(Path file, Progress progress) {
    Map<String, Job> jobs = new LinkedHashMap<>();
    int jobLines = 0;
    int errorLines = 0;
    int attrLines = 0;
    List<String> warnings = new ArrayList<>();
    try (InputStream in = NixInput.open(file, progress);
        BufferedReader r =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
      String line;
      int lineNo = 0;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        String where = "line " + lineNo;
        JsonNode j;
        try {
          j = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
          throw new InputException(
              file.toString(),
              where,
              (e instanceof JsonEOFException ? "truncated JSON line: " : "malformed JSON: ")
                  + JsonProblems.describeLine(e),
              e);
        }
        if (j == null || !j.isObject()) {
          throw new InputException(
              file.toString(), where, "expected one JSON object per line (nix-eval-jobs output)");
        }
        String attr = attribute(j);
        if (j.has("error")) {
          errorLines++;
          if (errorLines <= ERRORS_QUOTED) {
            warnings.add(
                where
                    + ": attribute '"
                    + (attr == null ? "?" : attr)
                    + "' failed to evaluate: "
                    + firstLine(j.get("error").asText()));
          }
          continue;
        }
        if (!j.has("drvPath")) {
          if (j.has("attrs")) {
            attrLines++;
            continue;
          }
          throw new InputException(
              file.toString(),
              where,
              "a line with neither 'drvPath' nor 'error' (is this nix-eval-jobs output?)");
        }
        jobLines++;
        JsonNode drvPath = j.get("drvPath");
        if (!drvPath.isTextual() || drvPath.asText().isEmpty()) {
          throw new InputException(file.toString(), where, "'drvPath' must be a non-empty string");
        }
        String storeDir = j.path("storeDir").isTextual() ? j.get("storeDir").asText() : null;
        String id = StorePaths.normalize(drvPath.asText(), storeDir);
        Job job = jobs.get(id);
        if (job == null) {
          String drvName = text(j, "name", file, where);
          if (drvName == null) {
            drvName = StorePaths.storeName(id);
          }
          String[] parsed = StorePaths.parseDrvName(drvName);
          String system = text(j, "system", file, where);
          job = new Job(id, parsed[0], parsed[1], system, where);
          jobs.put(id, job);
          job.features = features(j, file, where);
          JsonNode inputDrvs = j.get("inputDrvs");
          if (inputDrvs != null && !inputDrvs.isNull()) {
            if (!inputDrvs.isObject()) {
              throw new InputException(
                  file.toString(), where, "'inputDrvs' must be an object of drv paths");
            }
            Iterator<Map.Entry<String, JsonNode>> it = inputDrvs.properties().iterator();
            while (it.hasNext()) {
              Map.Entry<String, JsonNode> e = it.next();
              if (!e.getValue().isArray() && !e.getValue().isObject()) {
                throw new InputException(
                    file.toString(),
                    where,
                    "input '" + e.getKey() + "': expected a list of output names");
              }
              job.inputs.add(StorePaths.normalize(e.getKey(), storeDir));
            }
          }
        }
        if (attr != null) {
          job.attributes.add(withoutSystem(attr, job.system));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    progress.done();
    List<NixDerivation> out = new ArrayList<>(jobs.size());
    for (Job job : jobs.values()) {
      out.add(
          new NixDerivation(
              job.id,
              job.name,
              job.version,
              job.system,
              new ArrayList<>(job.inputs),
              new ArrayList<>(job.attributes),
              job.where,
              false,
              job.features));
    }
    if (errorLines > ERRORS_QUOTED) {
      warnings.add("... and " + (errorLines - ERRORS_QUOTED) + " more evaluation errors");
    }
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("jobs", Integer.toString(jobLines));
    facts.put("derivations", Integer.toString(out.size()));
    facts.put("evalErrors", Integer.toString(errorLines));
    facts.put("attrSetsSkipped", Integer.toString(attrLines));
    return new NixFile(file.toString(), "eval-jobs", out, facts, warnings);
  }

  /**
   * {@code requiredSystemFeatures}, a list nix-eval-jobs prints when it read the derivation (its
   * {@code src/drv.cc}, {@code Drv::Drv} and {@code to_json}, commit 82d2adb0); null when absent.
   */
  private static List<String> features(JsonNode j, Path file, String where) {
    JsonNode f = j.get("requiredSystemFeatures");
    if (f == null || f.isNull()) {
      return null;
    }
    if (!f.isArray()) {
      throw new InputException(
          file.toString(), where, "'requiredSystemFeatures' must be a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : f) {
      if (!e.isTextual()) {
        throw new InputException(
            file.toString(), where, "'requiredSystemFeatures' must be a list of strings");
      }
      out.add(e.asText());
    }
    return out;
  }

  /** {@code attr}, else the {@code attrPath} elements joined with dots; null if neither. */
  private static String attribute(JsonNode j) {
    if (j.path("attr").isTextual()) {
      return j.get("attr").asText();
    }
    JsonNode path = j.get("attrPath");
    if (path != null && path.isArray() && !path.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      for (JsonNode part : path) {
        sb.append(sb.length() == 0 ? "" : ".").append(part.asText());
      }
      return sb.toString();
    }
    return null;
  }

  /**
   * The attribute without the job's own system as its last or first component: Hydra's {@code
   * release.nix} names jobs {@code curl.x86_64-linux}, flake outputs evaluated per platform give
   * {@code x86_64-linux.curl}; both are the attribute {@code curl}.
   */
  static String withoutSystem(String attr, String system) {
    if (system == null || system.isEmpty()) {
      return attr;
    }
    if (attr.endsWith("." + system)) {
      return attr.substring(0, attr.length() - system.length() - 1);
    }
    if (attr.startsWith(system + ".")) {
      return attr.substring(system.length() + 1);
    }
    return attr;
  }

  private static String text(JsonNode j, String field, Path file, String where) {
    JsonNode v = j.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new InputException(file.toString(), where, "'" + field + "' must be a string");
    }
    return v.asText();
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 200 ? line.substring(0, 197) + "..." : line;
  }
}
