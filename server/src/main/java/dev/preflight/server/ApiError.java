package dev.preflight.server;

import dev.preflight.graph.InputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An answer that is not a result: the HTTP status, the parameter at fault (when one is), the
 * message, and for an unknown name the closest known names. Its JSON is the one error shape of the
 * API: {@code {"schemaVersion":1,"status":400,"error":"bad request","parameter":"builders",
 * "message":"...","closest":[...]}}.
 */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int status;
  final String parameter;
  final List<String> closest;

  ApiError(int status, String parameter, String message, List<String> closest) {
    super(message);
    this.status = status;
    this.parameter = parameter;
    this.closest = closest == null ? List.of() : List.copyOf(closest);
  }

  static ApiError badRequest(String parameter, String message) {
    return new ApiError(400, parameter, message, null);
  }

  static ApiError notFound(String parameter, String message, List<String> closest) {
    return new ApiError(404, parameter, message, closest);
  }

  private static final Pattern OPTION = Pattern.compile("--([a-z][a-z-]*)");
  private static final Pattern UNKNOWN =
      Pattern.compile(
          "^(?:--pin: )?(?:unknown package '.*?'(?: \\(closest: (.*)\\))?|pattern '.*' matches no"
              + " package)$");

  /** "unknown policy 'x' (known: ...)" (graph-model's Names.unknown) names its parameter. */
  private static final Pattern UNKNOWN_KIND = Pattern.compile("^unknown ([a-z ]+?) '");

  private static final Map<String, String> KIND_PARAMETER =
      Map.of(
          "policy", "policy",
          "scheduler", "scheduler",
          "build order", "order",
          "graph format", "input-format",
          "format", "input-format",
          "channel", "channel",
          "order", "order");

  /**
   * The API's reading of a command-line error: an unknown package (or a pattern matching none) is
   * 404 with the closest names the resolver suggested; anything else 400. The parameter is the
   * first option the message names ({@code --samples must be ...}: {@code samples}), a change when
   * it names none.
   */
  static ApiError of(InputException e, String changeParameter) {
    String problem = e.getMessage();
    Matcher unknown = UNKNOWN.matcher(problem);
    if (unknown.matches()) {
      String parameter = problem.startsWith("--pin: ") ? "pin" : changeParameter;
      List<String> closest =
          unknown.group(1) == null ? List.of() : List.of(unknown.group(1).split(", "));
      return notFound(parameter, problem, closest);
    }
    if (problem.startsWith("the cutoff policy")) {
      return badRequest("policy", problem);
    }
    Matcher kind = UNKNOWN_KIND.matcher(problem);
    if (kind.find() && KIND_PARAMETER.containsKey(kind.group(1))) {
      return badRequest(KIND_PARAMETER.get(kind.group(1)), problem);
    }
    Matcher m = OPTION.matcher(problem);
    return badRequest(m.find() ? m.group(1) : changeParameter, problem);
  }

  /** The error document. */
  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schemaVersion", 1);
    m.put("status", status);
    m.put("error", reason(status));
    if (parameter != null) {
      m.put("parameter", parameter);
    }
    m.put("message", getMessage());
    if (status == 404 && parameter != null) {
      m.put("closest", closest);
    }
    return m;
  }

  static String reason(int status) {
    return switch (status) {
      case 400 -> "bad request";
      case 401 -> "unauthorized";
      case 404 -> "not found";
      case 405 -> "method not allowed";
      case 413 -> "request too large";
      case 429 -> "too many requests";
      case 500 -> "internal error";
      case 503 -> "unavailable";
      default -> "error";
    };
  }
}
