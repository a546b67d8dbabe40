package dev.preflight.graph.io.nix;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preflight.graph.InputException;
import dev.preflight.graph.Progress;
import dev.preflight.graph.io.JsonProblems;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON that {@code nix derivation show --recursive} (formerly {@code nix show-derivation
 * -r}) prints, in every shape Nix releases have used:
 *
 * <ol>
 *   <li><b>old</b> ({@code nix show-derivation -r} of Nix 2.3): {@code {"/nix/store/…-x.drv":
 *       {"inputDrvs": {"/nix/store/…-bash.drv": ["out"]}, "platform": …, "env": {…}}}}, no {@code
 *       name} field; lists with {@code system} instead of {@code platform} are read too;
 *   <li><b>newer</b> (up to Nix 2.31): each {@code inputDrvs} value is an object {@code {"outputs":
 *       ["out"], "dynamicOutputs": {}}}, with {@code system} and {@code name}; Nix 2.32 (derivation
 *       JSON version 3) prints the store paths inside a derivation as base names without {@code
 *       /nix/store/};
 *   <li><b>newest</b> (Nix 2.33 and later, derivation JSON version 4): inputs are nested as {@code
 *       "inputs": {"srcs": […], "drvs": {…}}}, and {@code nix derivation show} wraps the whole map
 *       as {@code {"version": 4, "derivations": {"<hash>-x.drv": {…}}}} with base-name keys (see
 *       Nix's {@code src/nix/derivation-show.cc}). The draft version 5 (input values may again be
 *       plain lists, {@code env} values may be {@code {"value": …, "passAsFile": …}} objects) is
 *       read too.
 * </ol>
 *
 * <p>Per derivation it keeps the name ({@code env.pname}, or {@code pname} in structured
 * attributes, else the drv {@code name} split as {@code builtins.parseDrvName} does), the version
 * ({@code env.version}, else the parsed one), the system ({@code system}, or {@code platform} in
 * old output), the input derivations, {@code requiredSystemFeatures} (a space-separated {@code env}
 * string, or a list in structured attributes) and whether it is a <b>fixed-output</b> derivation:
 * {@code outputHash} in {@code env} (or in structured attributes), or a {@code hash} on an output
 * in {@code outputs} &mdash; Nix 2.3 to 2.31 print a fixed output as {@code {"path", "hashAlgo",
 * "hash"}} (plus {@code "method"} since 2.18), derivation JSON version 4 as {@code {"method",
 * "hash"}} (NixOS/nix {@code src/libstore/derivations.cc} {@code DerivationOutput::toJSON} at tag
 * 2.24.0, commit 206e32e2; {@code doc/manual/source/protocols/json/schema/derivation-v4.yaml},
 * {@code caFixed}, at commit 88b09c64). A floating content-addressed output ({@code method} and
 * {@code hashAlgo} without {@code hash}) is not fixed. Everything else ({@code inputSrcs}, {@code
 * builder}, the rest of {@code env}) is skipped without being held in memory. The file is streamed,
 * so a multi-gigabyte dump of all of nixpkgs needs memory only for what is kept.
 *
 * <p>Errors name the line and column: a document of the wrong shape, a derivation that is not an
 * object, an input that is neither a list of outputs nor an outputs object, truncated JSON.
 */
final class NixDerivationsReader {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path file;

  // Raw (not yet normalized) derivations: the store dir may be named after them.
  private final List<Raw> raws = new ArrayList<>();
  private String storeDir;
  private Integer wrapperVersion;
  private boolean wrapped;
  private boolean sawTopLevelDrv;
  private int listInputs;
  private int objectInputs;
  private int platformFields;
  private int nestedInputs;
  private int fixedOutputs;

  private NixDerivationsReader(Path file) {
    this.file = file;
  }

  static NixFile read(Path file, Progress progress) {
    return new NixDerivationsReader(file).run(progress);
  }

  private record Raw(
      String key,
      String name,
      String pname,
      String version,
      String system,
      List<String> inputs,
      String where,
      boolean fixedOutput,
      List<String> features) {}

  private NixFile run(Progress progress) {
    try (InputStream in = NixInput.open(file, progress);
        JsonParser p = MAPPER.getFactory().createParser(in)) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw error(
            p,
            "expected a JSON object mapping drv paths to derivations (the output of `nix"
                + " derivation show --recursive`), found "
                + describe(first));
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        String where = where(p.currentLocation());
        JsonToken t = p.nextToken();
        if (StorePaths.isDerivation(key)) {
          if (wrapped) {
            throw error(p, "drv path '" + key + "' next to the 'derivations' wrapper");
          }
          sawTopLevelDrv = true;
          raws.add(readDerivation(p, t, key, where));
        } else if (key.equals("derivations") && !sawTopLevelDrv) {
          if (t != JsonToken.START_OBJECT) {
            throw error(p, "'derivations' must be an object, found " + describe(t));
          }
          wrapped = true;
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String drv = p.currentName();
            String drvWhere = where(p.currentLocation());
            JsonToken v = p.nextToken();
            if (!StorePaths.isDerivation(drv)) {
              throw error(p, "key '" + drv + "' in 'derivations' is not a drv path (*.drv)");
            }
            raws.add(readDerivation(p, v, drv, drvWhere));
          }
        } else if (key.equals("version") && !sawTopLevelDrv) {
          if (t != JsonToken.VALUE_NUMBER_INT) {
            throw error(p, "'version' must be an integer, found " + describe(t));
          }
          wrapperVersion = p.getIntValue();
        } else if (key.equals("storeDir") && t == JsonToken.VALUE_STRING) {
          storeDir = p.getText();
        } else {
          throw error(
              p,
              "unexpected key '"
                  + key
                  + "': expected drv paths (*.drv) as keys, or the {\"version\", \"derivations\"}"
                  + " wrapper of Nix 2.33+ (is this the output of `nix derivation show"
                  + " --recursive`?)");
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT) {
        throw error(p, "expected a key or '}', found " + describe(p.currentToken()));
      }
      if (wrapperVersion != null && !wrapped) {
        throw error(p, "a 'version' field but no 'derivations' map");
      }
      JsonToken after = p.nextToken();
      if (after != null) {
        throw error(p, "unexpected content after the end of the JSON document");
      }
    } catch (JsonProcessingException e) {
      JsonLocation l = e.getLocation();
      throw new InputException(
          file.toString(),
          l == null ? null : where(l),
          (e instanceof JsonEOFException ? "truncated JSON: " : "malformed JSON: ")
              + JsonProblems.describe(e),
          e);
    } catch (InputException e) {
      throw e.inFile(file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    progress.done();
    return result();
  }

  private NixFile result() {
    List<NixDerivation> out = new ArrayList<>(raws.size());
    for (Raw r : raws) {
      String id = StorePaths.normalize(r.key, storeDir);
      String drvName = r.name != null ? r.name : StorePaths.storeName(id);
      String[] parsed = StorePaths.parseDrvName(drvName);
      String name = r.pname != null && !r.pname.isEmpty() ? r.pname : parsed[0];
      String version = r.version != null ? r.version : parsed[1];
      List<String> inputs = new ArrayList<>(r.inputs.size());
      for (String i : r.inputs) {
        inputs.add(StorePaths.normalize(i, storeDir));
      }
      out.add(
          new NixDerivation(
              id, name, version, r.system, inputs, List.of(), r.where, r.fixedOutput, r.features));
    }
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("shape", shape());
    facts.put("derivations", Integer.toString(out.size()));
    facts.put("fixedOutput", Integer.toString(fixedOutputs));
    return new NixFile(file.toString(), "derivations", out, facts, List.of());
  }

  /** A short description of the shape read, for the metadata and for tests. */
  private String shape() {
    if (wrapped) {
      return "wrapped (version " + (wrapperVersion == null ? "?" : wrapperVersion) + ")";
    }
    if (nestedInputs > 0) {
      return "inputs.drvs";
    }
    if (objectInputs > 0) {
      return "inputDrvs objects";
    }
    return platformFields > 0 ? "inputDrvs lists (platform)" : "inputDrvs lists";
  }

  private Raw readDerivation(JsonParser p, JsonToken t, String key, String where)
      throws IOException {
    if (t != JsonToken.START_OBJECT) {
      throw error(p, "derivation '" + key + "' must be a JSON object, found " + describe(t));
    }
    String name = null;
    String system = "";
    String[] env = new String[ENV_SLOTS]; // pname, version, __json, outputHash, features
    Object[] structured = new Object[4]; // pname, version, outputHash, features (a list)
    boolean[] hashedOutput = {false};
    LinkedHashSet<String> inputs = new LinkedHashSet<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      switch (field) {
        case "name" -> name = string(p, v, key, field);
        case "system" -> system = string(p, v, key, field);
        case "platform" -> {
          system = string(p, v, key, field);
          platformFields++;
        }
        case "env" -> readEnv(p, v, key, env);
        case "structuredAttrs" -> readStructured(p, v, structured);
        case "inputDrvs" -> readInputDrvs(p, v, key, inputs);
        case "outputs" -> hashedOutput[0] = readOutputs(p, v, key);
        case "inputs" -> {
          if (v != JsonToken.START_OBJECT) {
            throw error(p, "'inputs' of derivation '" + key + "' must be an object");
          }
          nestedInputs++;
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String sub = p.currentName();
            JsonToken sv = p.nextToken();
            if (sub.equals("drvs")) {
              readInputDrvs(p, sv, key, inputs);
            } else {
              p.skipChildren();
            }
          }
        }
        default -> p.skipChildren();
      }
    }
    String pname = env[0] != null ? env[0] : (String) structured[0];
    String version = env[1] != null ? env[1] : (String) structured[1];
    String outputHash = env[3] != null ? env[3] : (String) structured[2];
    List<String> features = env[4] != null ? splitFeatures(env[4]) : castList(structured[3]);
    if (env[2] != null) {
      // Structured attributes as older Nix prints them: one JSON string in env.__json.
      try {
        JsonNode j = MAPPER.readTree(env[2]);
        if (pname == null && j.path("pname").isTextual()) {
          pname = j.get("pname").asText();
        }
        if (version == null && j.path("version").isTextual()) {
          version = j.get("version").asText();
        }
        if (outputHash == null && j.path("outputHash").isTextual()) {
          outputHash = j.get("outputHash").asText();
        }
        if (features == null && j.path("requiredSystemFeatures").isArray()) {
          features = new ArrayList<>();
          for (JsonNode f : j.get("requiredSystemFeatures")) {
            features.add(f.asText());
          }
        }
      } catch (JsonProcessingException e) {
        // Not ours to validate: the name then comes from the drv name.
      }
    }
    boolean fixed = hashedOutput[0] || (outputHash != null && !outputHash.isEmpty());
    if (fixed) {
      fixedOutputs++;
    }
    return new Raw(
        key, name, pname, version, system, new ArrayList<>(inputs), where, fixed, features);
  }

  private static final int ENV_SLOTS = 5;

  /** {@code requiredSystemFeatures} as Nix passes it in the environment: space-separated. */
  static List<String> splitFeatures(String s) {
    List<String> out = new ArrayList<>();
    for (String f : s.trim().split("\\s+")) {
      if (!f.isEmpty()) {
        out.add(f);
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<String> castList(Object o) {
    return (List<String>) o;
  }

  /**
   * Whether some output in {@code outputs} declares its content {@code hash} (a fixed output). Each
   * output is an object; anything else is skipped (not ours to validate).
   */
  private static boolean readOutputs(JsonParser p, JsonToken t, String key) throws IOException {
    if (t != JsonToken.START_OBJECT) {
      p.skipChildren();
      return false;
    }
    boolean hashed = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      JsonToken o = p.nextToken();
      if (o != JsonToken.START_OBJECT) {
        p.skipChildren();
        continue;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        JsonToken v = p.nextToken();
        if (f.equals("hash")
            && v != JsonToken.VALUE_NULL
            && !(v == JsonToken.VALUE_STRING && p.getText().isEmpty())) {
          hashed = true;
        }
        p.skipChildren();
      }
    }
    return hashed;
  }

  private void readEnv(JsonParser p, JsonToken t, String key, String[] env) throws IOException {
    if (t != JsonToken.START_OBJECT) {
      throw error(p, "'env' of derivation '" + key + "' must be an object");
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String var = p.currentName();
      JsonToken v = p.nextToken();
      int slot =
          switch (var) {
            case "pname" -> 0;
            case "version" -> 1;
            case "__json" -> 2;
            case "outputHash" -> 3;
            case "requiredSystemFeatures" -> 4;
            default -> -1;
          };
      if (slot < 0) {
        p.skipChildren();
      } else if (v == JsonToken.VALUE_STRING) {
        env[slot] = p.getText();
      } else if (v == JsonToken.START_OBJECT) {
        // Derivation JSON version 5: {"value": "...", "passAsFile": false}.
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String f = p.currentName();
          JsonToken fv = p.nextToken();
          if (f.equals("value") && fv == JsonToken.VALUE_STRING) {
            env[slot] = p.getText();
          } else {
            p.skipChildren();
          }
        }
      } else {
        throw error(p, "env." + var + " of derivation '" + key + "' must be a string");
      }
    }
  }

  private static void readStructured(JsonParser p, JsonToken t, Object[] structured)
      throws IOException {
    if (t != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken v = p.nextToken();
      if (f.equals("pname") && v == JsonToken.VALUE_STRING) {
        structured[0] = p.getText();
      } else if (f.equals("version") && v == JsonToken.VALUE_STRING) {
        structured[1] = p.getText();
      } else if (f.equals("outputHash") && v == JsonToken.VALUE_STRING) {
        structured[2] = p.getText();
      } else if (f.equals("requiredSystemFeatures") && v == JsonToken.START_ARRAY) {
        List<String> features = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          if (p.currentToken() == JsonToken.VALUE_STRING) {
            features.add(p.getText());
          } else {
            p.skipChildren();
          }
        }
        structured[3] = features;
      } else {
        p.skipChildren();
      }
    }
  }

  private void readInputDrvs(JsonParser p, JsonToken t, String key, LinkedHashSet<String> inputs)
      throws IOException {
    if (t != JsonToken.START_OBJECT) {
      throw error(
          p,
          "input derivations of '"
              + key
              + "' must be an object mapping drv paths to outputs, found "
              + describe(t));
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String input = p.currentName();
      JsonToken v = p.nextToken();
      if (v == JsonToken.START_ARRAY) {
        listInputs++;
      } else if (v == JsonToken.START_OBJECT) {
        objectInputs++;
      } else {
        throw error(
            p,
            "input '"
                + input
                + "' of derivation '"
                + key
                + "': expected a list of output names or an {\"outputs\", \"dynamicOutputs\"}"
                + " object, found "
                + describe(v));
      }
      p.skipChildren();
      if (input.isEmpty()) {
        throw error(p, "empty input drv path in derivation '" + key + "'");
      }
      inputs.add(input);
    }
  }

  private static String string(JsonParser p, JsonToken t, String key, String field)
      throws IOException {
    if (t != JsonToken.VALUE_STRING) {
      throw error(
          p, "'" + field + "' of derivation '" + key + "' must be a string, found " + describe(t));
    }
    return p.getText();
  }

  static String describe(JsonToken t) {
    if (t == null) {
      return "the end of the file";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      case END_OBJECT -> "'}'";
      case END_ARRAY -> "']'";
      default -> t.toString();
    };
  }

  static String where(JsonLocation l) {
    return "line " + l.getLineNr() + ", column " + l.getColumnNr();
  }

  private static InputException error(JsonParser p, String problem) {
    return new InputException(null, where(p.currentTokenLocation()), problem);
  }
}
