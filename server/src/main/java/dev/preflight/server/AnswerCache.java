package dev.preflight.server;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers already computed, by graph snapshot and request: every answer is a deterministic function
 * of the snapshot and the query (the engines are seeded), so a repeated question (a page redrawn, a
 * bot retrying, a dashboard polling) costs a map lookup instead of a closure and a rebuild-depth
 * walk (about 3 ms of CPU for zlib on the bundled graph). The key carries the snapshot's
 * generation, so a reload makes every older entry unreachable; they age out. Bounded by the total
 * characters held (least recently used out first); an answer over a sixteenth of the bound is not
 * kept. A request with {@code Cache-Control: no-cache} bypasses it (RFC 9111 §5.2.1.4).
 *
 * <p>Thread-safety: all methods synchronize on the cache; the values are immutable strings.
 */
final class AnswerCache {
  private final long maxChars;
  private long chars;
  private final LinkedHashMap<String, String> entries = new LinkedHashMap<>(256, 0.75f, true);

  AnswerCache(long maxChars) {
    this.maxChars = maxChars;
  }

  static String key(Snapshot s, String path, String query) {
    return s.name + '\n' + s.generation + '\n' + path + '?' + (query == null ? "" : query);
  }

  synchronized String get(String key) {
    return entries.get(key);
  }

  synchronized void put(String key, String body) {
    long size = (long) key.length() + body.length();
    if (maxChars <= 0 || size > maxChars / 16) {
      return;
    }
    String old = entries.put(key, body);
    chars += size - (old == null ? 0 : key.length() + old.length());
    Iterator<Map.Entry<String, String>> it = entries.entrySet().iterator();
    while (chars > maxChars && it.hasNext()) {
      Map.Entry<String, String> e = it.next();
      chars -= e.getKey().length() + e.getValue().length();
      it.remove();
    }
  }

  synchronized int size() {
    return entries.size();
  }
}
