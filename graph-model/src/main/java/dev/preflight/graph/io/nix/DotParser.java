package dev.preflight.graph.io.nix;

import dev.preflight.graph.InputException;
import dev.preflight.graph.io.nix.DotLexer.Kind;
import dev.preflight.graph.io.nix.DotLexer.Token;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses one directed DOT graph into its node ids (in order of first appearance, with their {@code
 * label} attribute if any) and its edges, following the grammar of the Graphviz DOT language:
 *
 * <pre>
 * graph     : [strict] digraph [ID] '{' stmt_list '}'
 * stmt_list : [stmt [';'] stmt_list]
 * stmt      : node_stmt | edge_stmt | attr_stmt | ID '=' ID | subgraph
 * attr_stmt : (graph | node | edge) attr_list
 * attr_list : '[' [a_list] ']' [attr_list]
 * a_list    : ID '=' ID [(';' | ',')] [a_list]
 * edge_stmt : (node_id | subgraph) edgeRHS [attr_list]
 * edgeRHS   : '->' (node_id | subgraph) [edgeRHS]
 * node_stmt : node_id [attr_list]
 * node_id   : ID [':' ID [':' ID]]
 * subgraph  : [subgraph [ID]] '{' stmt_list '}'
 * </pre>
 *
 * An edge to or from a subgraph connects every node of the subgraph, as Graphviz does. Quoted
 * strings joined with {@code +} are concatenated. Undirected graphs ({@code graph}, {@code --}) are
 * rejected: Nix writes digraphs. Subgraph nesting is limited to {@value #MAX_DEPTH} levels so a
 * hostile file cannot exhaust the stack. Errors name the line and column.
 */
final class DotParser {
  static final int MAX_DEPTH = 100;

  private final DotLexer lexer;
  private Token current;

  // Nodes in order of first appearance.
  private final Map<String, Integer> index = new HashMap<>();
  private final List<String> ids = new ArrayList<>();
  private final List<String> labels = new ArrayList<>();
  private final List<String> wheres = new ArrayList<>();

  private int[] edgeFrom = new int[256];
  private int[] edgeTo = new int[256];
  private int edgeCount;

  DotParser(DotLexer lexer) {
    this.lexer = lexer;
  }

  /** The parsed graph. */
  record Graph(
      List<String> ids,
      List<String> labels,
      List<String> wheres,
      int[] edgeFrom,
      int[] edgeTo,
      String name) {}

  Graph parse() throws IOException {
    advance();
    if (isKeyword("strict")) {
      advance();
    }
    if (isKeyword("graph")) {
      throw error(
          "an undirected 'graph': Preflight reads directed graphs ('digraph'), as `nix-store"
              + " --query --graph` writes them");
    }
    if (!isKeyword("digraph")) {
      throw error("expected 'digraph' at the start of the graph, found " + current.describe());
    }
    advance();
    String name = "";
    if (current.kind() == Kind.ID) {
      name = current.text();
      advance();
    }
    expect(Kind.LBRACE, "'{' to open the graph");
    statements(0);
    expect(Kind.RBRACE, "'}' to close the graph");
    if (current.kind() != Kind.EOF) {
      throw error(
          "unexpected "
              + current.describe()
              + " after the end of the graph (one digraph per file)");
    }
    return new Graph(
        ids,
        labels,
        wheres,
        Arrays.copyOf(edgeFrom, edgeCount),
        Arrays.copyOf(edgeTo, edgeCount),
        name);
  }

  /** Statements up to (not including) the closing '}'; returns the nodes they name. */
  private List<Integer> statements(int depth) throws IOException {
    List<Integer> members = new ArrayList<>();
    while (current.kind() != Kind.RBRACE) {
      if (current.kind() == Kind.EOF) {
        throw error("unexpected end of the file: a '}' is missing");
      }
      statement(depth, members);
      if (current.kind() == Kind.SEMI) {
        advance();
      }
    }
    return members;
  }

  private void statement(int depth, List<Integer> members) throws IOException {
    if (current.kind() == Kind.ID && !current.quoted()) {
      String word = current.text().toLowerCase(Locale.ROOT);
      if (word.equals("graph") || word.equals("node") || word.equals("edge")) {
        advance();
        if (current.kind() != Kind.LBRACKET) {
          throw error("expected '[' after '" + word + "', found " + current.describe());
        }
        attributes();
        return;
      }
    }
    if (current.kind() == Kind.LBRACE || isKeyword("subgraph")) {
      List<Integer> left = subgraph(depth);
      members.addAll(left);
      finishNodeOrEdge(left, depth, members, null);
      return;
    }
    if (current.kind() == Kind.ID) {
      Token first = current;
      String id = idText();
      if (current.kind() == Kind.EQUALS) {
        advance();
        requireId("a value after '='");
        idText();
        return;
      }
      List<Integer> left = List.of(node(id, first));
      members.addAll(left);
      finishNodeOrEdge(left, depth, members, first);
      return;
    }
    throw error("expected a statement, found " + current.describe());
  }

  /** After a node id or subgraph: a port, then an edge chain and/or attributes. */
  private void finishNodeOrEdge(
      List<Integer> left, int depth, List<Integer> members, Token nodeToken) throws IOException {
    if (nodeToken != null) {
      port();
    }
    boolean edge = false;
    List<Integer> from = left;
    while (current.kind() == Kind.ARROW || current.kind() == Kind.DASHDASH) {
      if (current.kind() == Kind.DASHDASH) {
        throw error("an undirected edge '--' in a digraph; use '->'");
      }
      advance();
      edge = true;
      List<Integer> to;
      if (current.kind() == Kind.LBRACE || isKeyword("subgraph")) {
        to = subgraph(depth);
      } else if (current.kind() == Kind.ID) {
        Token t = current;
        to = List.of(node(idText(), t));
        port();
      } else {
        throw error("expected a node or subgraph after '->', found " + current.describe());
      }
      members.addAll(to);
      for (int a : from) {
        for (int b : to) {
          addEdge(a, b);
        }
      }
      from = to;
    }
    if (current.kind() == Kind.LBRACKET) {
      String label = attributes();
      if (!edge && nodeToken != null && label != null) {
        labels.set(left.get(0), label);
      }
    }
  }

  private List<Integer> subgraph(int depth) throws IOException {
    if (depth + 1 > MAX_DEPTH) {
      throw error("subgraphs nested deeper than " + MAX_DEPTH + " levels");
    }
    if (isKeyword("subgraph")) {
      advance();
      if (current.kind() == Kind.ID) {
        idText();
      }
    }
    expect(Kind.LBRACE, "'{' to open the subgraph");
    List<Integer> members = statements(depth + 1);
    expect(Kind.RBRACE, "'}' to close the subgraph");
    return members;
  }

  private void port() throws IOException {
    for (int i = 0; i < 2 && current.kind() == Kind.COLON; i++) {
      advance();
      requireId("a port name after ':'");
      idText();
    }
  }

  /** One or more {@code [a=b, ...]} lists; returns the last {@code label} value, or null. */
  private String attributes() throws IOException {
    String label = null;
    while (current.kind() == Kind.LBRACKET) {
      advance();
      while (current.kind() != Kind.RBRACKET) {
        requireId("an attribute name or ']'");
        String key = idText();
        expect(Kind.EQUALS, "'=' after attribute '" + key + "'");
        requireId("a value for attribute '" + key + "'");
        String value = idText();
        if (key.equals("label")) {
          label = value;
        }
        if (current.kind() == Kind.COMMA || current.kind() == Kind.SEMI) {
          advance();
        }
      }
      advance();
    }
    return label;
  }

  /** The current ID's text, joining {@code "a" + "b"} concatenations; advances past it. */
  private String idText() throws IOException {
    Token t = current;
    StringBuilder sb = new StringBuilder(t.text());
    advance();
    while (t.quoted() && current.kind() == Kind.PLUS) {
      advance();
      if (current.kind() != Kind.ID || !current.quoted()) {
        throw error("expected a quoted string after '+', found " + current.describe());
      }
      sb.append(current.text());
      advance();
    }
    return sb.toString();
  }

  private int node(String id, Token where) {
    Integer existing = index.get(id);
    if (existing != null) {
      return existing;
    }
    int i = ids.size();
    index.put(id, i);
    ids.add(id);
    labels.add(null);
    wheres.add(where.where());
    return i;
  }

  private void addEdge(int a, int b) {
    if (edgeCount == edgeFrom.length) {
      edgeFrom = Arrays.copyOf(edgeFrom, edgeCount * 2);
      edgeTo = Arrays.copyOf(edgeTo, edgeCount * 2);
    }
    edgeFrom[edgeCount] = a;
    edgeTo[edgeCount] = b;
    edgeCount++;
  }

  private boolean isKeyword(String word) {
    return current.kind() == Kind.ID
        && !current.quoted()
        && current.text().toLowerCase(Locale.ROOT).equals(word);
  }

  private void requireId(String what) {
    if (current.kind() != Kind.ID) {
      throw error("expected " + what + ", found " + current.describe());
    }
  }

  private void expect(Kind kind, String what) throws IOException {
    if (current.kind() != kind) {
      throw error("expected " + what + ", found " + current.describe());
    }
    advance();
  }

  private void advance() throws IOException {
    current = lexer.next();
  }

  private InputException error(String problem) {
    return new InputException(null, current.where(), problem);
  }
}
