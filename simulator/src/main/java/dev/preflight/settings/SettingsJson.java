package dev.preflight.settings;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.preflight.graph.io.JsonProblems;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the commented settings JSON with Jackson's streaming parser into plain maps and lists,
 * merges overrides, and binds the result to the settings records through their canonical
 * constructors.
 *
 * <p>Why not {@code ObjectMapper.treeToValue}: every command reads the settings, and binding the
 * three records with Jackson's databind costs a cold JVM about 260 more classes and a tenth to a
 * fifth of a second of introspection (measured with {@code -Xlog:class+load} on {@code preflight
 * impact}), a fifth of the command's whole run. The settings use five value types (double, int,
 * long, String, a list of strings) and nested records, which this binds in under a hundred lines,
 * with stricter checks than databind's defaults: an integer setting must be integral ({@code 1.5}
 * is not silently truncated), a number is never read from a string, and every unknown, missing or
 * null key is an error naming its path ({@code impact.cutoffSamples}).
 *
 * <p>Thread-safe (stateless).
 */
final class SettingsJson {
  /** Nesting accepted in a settings file (it has three levels). */
  static final int MAX_DEPTH = 32;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_JAVA_COMMENTS)
          // The settings are three levels deep; a deep file is refused by the parser before this
          // class's recursion could overflow the stack.
          .streamReadConstraints(
              com.fasterxml.jackson.core.StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_DEPTH)
                  .build())
          .build();

  private SettingsJson() {}

  /** A settings error: the path of the key and what is wrong. */
  static final class Problem extends Exception {
    private static final long serialVersionUID = 1L;

    Problem(String message) {
      super(message, null, false, false);
    }
  }

  /** Parses one JSON document into maps (insertion-ordered), lists, strings, numbers, booleans. */
  static Object parse(InputStream in) throws IOException, Problem {
    try (JsonParser p = FACTORY.createParser(in)) {
      return parseDocument(p);
    }
  }

  /** Parses one JSON document held in a string. */
  static Object parse(String json) throws IOException, Problem {
    try (JsonParser p = FACTORY.createParser(json)) {
      return parseDocument(p);
    }
  }

  private static Object parseDocument(JsonParser p) throws IOException, Problem {
    try {
      if (p.nextToken() == null) {
        throw new Problem("empty document");
      }
      Object value = value(p);
      if (p.nextToken() != null) {
        throw new Problem(
            "unexpected content after the document at line " + p.currentLocation().getLineNr());
      }
      return value;
    } catch (JsonProcessingException e) {
      // A constraint violation (nesting, number length) may carry no location.
      JsonLocation at = e.getLocation() != null ? e.getLocation() : p.currentLocation();
      throw new Problem(
          "malformed JSON at line " + at.getLineNr() + ": " + JsonProblems.describe(e));
    }
  }

  private static Object value(JsonParser p) throws IOException, Problem {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          p.nextToken();
          if (m.put(key, value(p)) != null) {
            throw new Problem(
                "duplicate key '" + key + "' at line " + p.currentLocation().getLineNr());
          }
        }
        return m;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(value(p));
        }
        return list;
      }
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return p.getNumberValue();
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return p.getBooleanValue();
      }
      case VALUE_NULL -> {
        return null;
      }
      default ->
          throw new Problem("unexpected " + t + " at line " + p.currentLocation().getLineNr());
    }
  }

  /**
   * {@code base} with the keys of {@code overrides} replaced; objects merge key by key, anything
   * else replaces. {@code base} is not modified.
   */
  @SuppressWarnings("unchecked")
  static Object merge(Object base, Object overrides) {
    if (!(base instanceof Map<?, ?> b) || !(overrides instanceof Map<?, ?> o)) {
      return overrides;
    }
    Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) b);
    for (Map.Entry<?, ?> e : o.entrySet()) {
      String key = (String) e.getKey();
      Object existing = out.get(key);
      out.put(key, existing == null ? e.getValue() : merge(existing, e.getValue()));
    }
    return out;
  }

  /**
   * Binds {@code json} (an object) to the record {@code type}: every component must be present, no
   * other key may be.
   *
   * @throws Problem naming the key's path and what is wrong, or a record constructor's own
   *     validation message
   */
  static <R extends Record> R bind(Class<R> type, Object json, String path) throws Problem {
    if (!(json instanceof Map<?, ?> map)) {
      throw new Problem(where(path) + "must be a JSON object, got " + describe(json));
    }
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      types[i] = c.getType();
      String key = path.isEmpty() ? c.getName() : path + "." + c.getName();
      if (!map.containsKey(c.getName())) {
        throw new Problem(key + " is missing");
      }
      args[i] = convert(c.getGenericType(), map.get(c.getName()), key);
    }
    for (Object k : map.keySet()) {
      boolean known = false;
      for (RecordComponent c : components) {
        known |= c.getName().equals(k);
      }
      if (!known) {
        throw new Problem(
            dev.preflight.graph.Names.unknownMessage(
                "key", (path.isEmpty() ? "" : path + ".") + k, names(components)));
      }
    }
    try {
      Constructor<R> ctor = type.getDeclaredConstructor(types);
      return ctor.newInstance(args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof IllegalArgumentException iae) {
        throw new Problem(iae.getMessage());
      }
      throw new IllegalStateException("cannot build " + type.getSimpleName(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Object convert(Type type, Object v, String key) throws Problem {
    if (v == null) {
      throw new Problem(key + " must not be null");
    }
    if (type == double.class) {
      if (v instanceof Number n) {
        return n.doubleValue();
      }
    } else if (type == int.class || type == long.class) {
      if (v instanceof Number n && isIntegral(n)) {
        long x = n.longValue();
        if (type == long.class) {
          return x;
        }
        if (x == (int) x) {
          return (int) x;
        }
        throw new Problem(key + " is out of range for an integer: " + v);
      }
      if (v instanceof Number) {
        throw new Problem(key + " must be a whole number, got " + v);
      }
    } else if (type == String.class) {
      if (v instanceof String) {
        return v;
      }
    } else if (type instanceof ParameterizedType pt
        && pt.getRawType() == List.class
        && pt.getActualTypeArguments()[0] == String.class) {
      if (v instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          if (!(list.get(i) instanceof String)) {
            throw new Problem(key + "[" + i + "] must be a string, got " + describe(list.get(i)));
          }
        }
        return List.copyOf((List<String>) list);
      }
    } else if (type instanceof Class<?> c && c.isRecord()) {
      return bind((Class<? extends Record>) c, v, key);
    } else {
      throw new IllegalStateException("no binding for " + type + " (" + key + ")");
    }
    throw new Problem(key + " must be " + expected(type) + ", got " + describe(v));
  }

  private static boolean isIntegral(Number n) {
    return n instanceof Integer
        || n instanceof Long
        || n instanceof java.math.BigInteger
        || (n instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p53)
        || (n instanceof java.math.BigDecimal b && b.stripTrailingZeros().scale() <= 0);
  }

  private static String expected(Type type) {
    if (type == double.class) {
      return "a number";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == int.class || type == long.class) {
      return "a whole number";
    }
    return "a list of strings";
  }

  private static String describe(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String s) {
      return "the string \"" + s + "\"";
    }
    if (v instanceof Map) {
      return "an object";
    }
    if (v instanceof List) {
      return "a list";
    }
    return v.toString();
  }

  private static List<String> names(RecordComponent[] components) {
    List<String> out = new ArrayList<>(components.length);
    for (RecordComponent c : components) {
      out.add(c.getName());
    }
    return out;
  }

  private static String where(String path) {
    return path.isEmpty() ? "the settings " : path + " ";
  }
}
