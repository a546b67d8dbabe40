package dev.preflight.graph.io.debian;

import static dev.preflight.graph.io.debian.DebianImporter.BUILD_DEPENDS_FIELDS;

import dev.preflight.graph.InputException;
import dev.preflight.graph.Progress;
import dev.preflight.graph.io.debian.DebianImporter.Options;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Reads the two Debian indices for {@link DebianImporter}: the {@code Sources} stanzas kept (the
 * newest version of each source, its {@code Build-Depends*} relations, its size) and, per {@code
 * Packages} index, who builds and who provides each binary name, with the binaries' {@code
 * Depends}/{@code Built-Using} for the relations. Each bad stanza is an {@code InputException}
 * naming the file and {@code line N (stanza K)}.
 */
final class DebianIndexes {
  private DebianIndexes() {}

  /** What binNMU and static relations read of each binary. */
  static final List<String> LINK_FIELDS = List.of("Pre-Depends", "Depends");

  static final List<String> STATIC_FIELDS = List.of("Built-Using", "Static-Built-Using");

  static final Set<String> SOURCES_FIELDS =
      Set.of(
          "Package",
          "Version",
          "Extra-Source-Only",
          "Files",
          "Build-Depends",
          "Build-Depends-Arch",
          "Build-Depends-Indep",
          // Only to recognise a Packages index given as --sources.
          "Filename");

  // Binary only to recognise a Sources index given as --packages.
  static final Set<String> PACKAGES_FIELDS =
      Set.of(
          "Package",
          "Source",
          "Provides",
          "Binary",
          "Architecture",
          "Pre-Depends",
          "Depends",
          "Built-Using",
          "Static-Built-Using");

  /** What the build environment view also reads, in this order for the closure. */
  static final List<String> RUNTIME_FIELDS = List.of("Pre-Depends", "Depends");

  static final Set<String> PACKAGES_RUNTIME_FIELDS =
      Set.of(
          "Package",
          "Source",
          "Provides",
          "Binary",
          "Architecture",
          "Pre-Depends",
          "Depends",
          "Essential",
          "Built-Using",
          "Static-Built-Using");

  static final int PROGRESS_STEP = 1000;

  /** A kept source stanza, reduced to what the graph needs. */
  record SourceEntry(
      String name, String versionText, DebianVersion version, long size, Relation[] needs) {

    /** The names a build on {@code arch} with {@code profiles} may use, in order, distinct. */
    String[] needsOn(DebianArch arch, BuildProfiles profiles) {
      Set<String> names = new LinkedHashSet<>();
      for (Relation alternative : needs) {
        if (alternative.appliesTo(arch, profiles)) {
          names.add(alternative.name());
        }
      }
      return names.toArray(new String[0]);
    }
  }

  /**
   * One binary of a {@code Packages} index, reduced to what the relations need.
   *
   * @param links names in its {@code Pre-Depends}/{@code Depends} (architecture-dependent binaries
   *     only; empty for {@code Architecture: all})
   * @param builtUsing source names in its {@code Built-Using}/{@code Static-Built-Using}
   */
  record Binary(String name, String source, boolean archAll, String[] links, String[] builtUsing) {}

  /**
   * What the {@code Packages} index says: who builds and who provides each name; with the build
   * environment view also each binary's runtime dependencies ({@code runtime}, else null).
   */
  record BinaryIndex(
      Path file,
      DebianArch arch,
      Map<String, Object> sourceOfBinary,
      Map<String, Object> providers,
      Map<String, Object> sourceOfAllBinary,
      Map<String, Object> allProviders,
      List<Binary> binaries,
      RuntimeClosure.Binaries runtime,
      int stanzas,
      String sha) {}

  /** What the {@code Sources} index says, one entry per kept source name. */
  record SourceIndex(
      List<SourceEntry> entries,
      Map<String, Integer> entryOf,
      List<String> olderVersions,
      int stanzas,
      int extraSourceOnly,
      String sha) {}

  static BinaryIndex readPackages(
      Path packages, Options options, Progress progress, BooleanSupplier stop) {
    // Binary name -> name(s) of the sources building it; provided name -> sources providing it;
    // architecture-dependent and Architecture: all binaries apart (they resolve to other nodes).
    Map<String, Object> sourceOfBinary = new HashMap<>(1 << 17);
    Map<String, Object> providers = new HashMap<>(1 << 15);
    Map<String, Object> sourceOfAllBinary = new HashMap<>(1 << 15);
    Map<String, Object> allProviders = new HashMap<>(1 << 12);
    List<Binary> binaries = new ArrayList<>(1 << 16);
    RuntimeClosure.Binaries runtime =
        options.buildEnvironment() == null ? null : new RuntimeClosure.Binaries();
    String arch = null;
    String archWhere = null;
    try (ControlFileReader r =
        ControlFileReader.open(
            packages,
            ControlFileReader.Comments.FORBIDDEN,
            runtime == null ? PACKAGES_FIELDS : PACKAGES_RUNTIME_FIELDS)) {
      String file = packages.toString();
      for (ControlStanza s = r.next(); s != null; s = r.next()) {
        if (s.get("Binary") != null) {
          throw new InputException(
              file,
              s.location(),
              "stanza has a Binary field, as a Sources index does: is this the Sources file?"
                  + " (--packages takes the Packages index)");
        }
        String binary = required(s, "Package", file);
        String source = sourceName(s, binary, file);
        String architecture = s.get("Architecture");
        if (architecture == null || architecture.isBlank()) {
          throw new InputException(
              file,
              s.location(),
              "binary '" + binary + "' has no Architecture field (a Packages index names it)");
        }
        architecture = architecture.strip();
        boolean archAll = architecture.equals("all");
        if (!archAll) {
          if (architecture.indexOf(' ') >= 0 || architecture.equals("any")) {
            throw new InputException(
                file,
                s.location("Architecture"),
                "binary '"
                    + binary
                    + "' has Architecture '"
                    + architecture
                    + "': a Packages index names one architecture or all");
          }
          if (arch == null) {
            arch = architecture;
            archWhere = s.location("Architecture");
          } else if (!arch.equals(architecture)) {
            throw new InputException(
                file,
                s.location("Architecture"),
                "the index mixes architectures "
                    + arch
                    + " ("
                    + archWhere
                    + ") and "
                    + architecture
                    + ": one Packages index per architecture");
          }
        }
        addTo(archAll ? sourceOfAllBinary : sourceOfBinary, binary, source);
        List<String> provides = new ArrayList<>(0);
        if (s.get("Provides") != null) {
          for (List<Relation> clause : DebianImporter.relations(s, "Provides", file)) {
            for (Relation alternative : clause) {
              addTo(archAll ? allProviders : providers, alternative.name(), source);
              provides.add(alternative.name());
            }
          }
        }
        binaries.add(
            new Binary(
                binary,
                source,
                archAll,
                archAll ? new String[0] : names(s, LINK_FIELDS, file),
                names(s, STATIC_FIELDS, file)));
        if (runtime != null) {
          runtime.add(
              binary,
              source,
              s.get("Essential") != null && "yes".equalsIgnoreCase(s.get("Essential").strip()),
              runtimeClauses(
                  s, options.arch() == null ? DebianArch.AMD64 : options.arch(), options, file),
              provides);
        }
        if (r.stanzaCount() % PROGRESS_STEP == 0) {
          progress.advance(PROGRESS_STEP);
          if (stop.getAsBoolean()) {
            throw new CancellationException("reading " + packages + " was stopped");
          }
        }
      }
      if (r.stanzaCount() == 0) {
        throw new InputException(file, null, "no stanzas: an empty Packages index");
      }
      DebianArch a;
      if (arch != null) {
        a = DebianArch.of(arch);
      } else if (options.arch() != null) {
        a = options.arch();
      } else {
        throw new InputException(
            file,
            null,
            "every binary is Architecture: all, so the index names no architecture (give --arch)");
      }
      return new BinaryIndex(
          packages,
          a,
          sourceOfBinary,
          providers,
          sourceOfAllBinary,
          allProviders,
          binaries,
          runtime,
          r.stanzaCount(),
          r.sha256());
    }
  }

  /** The package names of every alternative of {@code fields}, distinct, in order. */
  static String[] names(ControlStanza s, List<String> fields, String file) {
    Set<String> out = null;
    for (String field : fields) {
      if (s.get(field) == null) {
        continue;
      }
      for (List<Relation> clause : DebianImporter.relations(s, field, file)) {
        for (Relation alternative : clause) {
          if (out == null) {
            out = new LinkedHashSet<>();
          }
          out.add(alternative.name());
        }
      }
    }
    return out == null ? new String[0] : out.toArray(new String[0]);
  }

  static SourceIndex readSources(Path sources, Options options, Progress progress) {
    List<SourceEntry> entries = new ArrayList<>(40_000);
    Map<String, Integer> entryOf = new HashMap<>(1 << 16);
    List<String> olderVersions = new ArrayList<>();
    int extraSourceOnly = 0;
    try (ControlFileReader r =
        ControlFileReader.open(sources, ControlFileReader.Comments.FORBIDDEN, SOURCES_FIELDS)) {
      String file = sources.toString();
      for (ControlStanza s = r.next(); s != null; s = r.next()) {
        if (r.stanzaCount() % PROGRESS_STEP == 0) {
          progress.advance(PROGRESS_STEP);
        }
        if (s.get("Filename") != null) {
          throw new InputException(
              file,
              s.location(),
              "stanza has a Filename field, as a Packages index does: is this the Packages file?"
                  + " (--sources takes the Sources index)");
        }
        String name = required(s, "Package", file);
        String versionText = required(s, "Version", file);
        DebianVersion version;
        try {
          version = DebianVersion.parse(versionText);
        } catch (IllegalArgumentException e) {
          throw new InputException(file, s.location("Version"), e.getMessage());
        }
        // Parsed even when skipped below, so that every stanza is checked.
        SourceEntry entry =
            new SourceEntry(name, versionText, version, filesSize(s, file), needs(s, file));
        if ("yes".equalsIgnoreCase(s.get("Extra-Source-Only"))) {
          extraSourceOnly++;
          continue;
        }
        Integer previous = entryOf.get(name);
        if (previous == null) {
          entryOf.put(name, entries.size());
          entries.add(entry);
        } else if (version.compareTo(entries.get(previous).version()) > 0) {
          olderVersions.add(name + " " + entries.get(previous).versionText());
          entries.set(previous, entry);
        } else {
          olderVersions.add(name + " " + versionText);
        }
      }
      if (r.stanzaCount() == 0) {
        throw new InputException(file, null, "no stanzas: an empty Sources index");
      }
      return new SourceIndex(
          entries, entryOf, olderVersions, r.stanzaCount(), extraSourceOnly, r.sha256());
    }
  }

  /**
   * Every alternative of a source's build-dependency fields, in order; filtered per architecture
   * and profiles by {@link SourceEntry#needsOn}.
   */
  static Relation[] needs(ControlStanza s, String file) {
    List<Relation> out = new ArrayList<>();
    for (String field : BUILD_DEPENDS_FIELDS) {
      if (s.get(field) == null) {
        continue;
      }
      for (List<Relation> clause : DebianImporter.relations(s, field, file)) {
        out.addAll(clause);
      }
    }
    return out.toArray(new Relation[0]);
  }

  /** {@code Source: name} or {@code Source: name (version)}; the binary's own name if absent. */
  static String sourceName(ControlStanza s, String binary, String file) {
    String value = s.get("Source");
    if (value == null) {
      return binary;
    }
    String v = value.strip();
    int space = indexOfSpaceOrParen(v);
    String name = space < 0 ? v : v.substring(0, space);
    String rest = space < 0 ? "" : v.substring(space).strip();
    boolean restOk =
        rest.isEmpty()
            || (rest.length() > 2
                && rest.charAt(0) == '('
                && rest.charAt(rest.length() - 1) == ')'
                && !rest.substring(1, rest.length() - 1).isBlank());
    if (name.isEmpty() || !restOk) {
      throw new InputException(
          file,
          s.location("Source"),
          "Source of '" + binary + "': '" + v + "' is not 'name' or 'name (version)'");
    }
    return name;
  }

  static int indexOfSpaceOrParen(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == ' ' || c == '\t' || c == '(') {
        return i;
      }
    }
    return -1;
  }

  /** Sum of the sizes (second column) of the {@code Files} lines; -1 without the field. */
  static long filesSize(ControlStanza s, String file) {
    String files = s.get("Files");
    if (files == null) {
      return -1;
    }
    long total = 0;
    String[] lines = files.split("\n");
    int line = s.lineOf("Files");
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i].strip();
      if (l.isEmpty()) {
        continue;
      }
      // "md5sum size filename": three words, the middle one a byte count.
      int a = wordEnd(l, 0);
      int b = wordStart(l, a);
      int c = wordEnd(l, b);
      int d = wordStart(l, c);
      long size = -1;
      if (b < l.length() && d < l.length() && wordEnd(l, d) == l.length()) {
        try {
          size = Long.parseLong(l, b, c, 10);
        } catch (NumberFormatException e) {
          size = -1;
        }
      }
      if (size < 0) {
        throw new InputException(
            file,
            ControlStanza.location(line + i, s.number()),
            "Files of '" + s.get("Package") + "': '" + l + "' is not 'md5sum size filename'");
      }
      total += size;
    }
    return total;
  }

  static int wordEnd(String s, int from) {
    int i = from;
    while (i < s.length() && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
      i++;
    }
    return i;
  }

  static int wordStart(String s, int from) {
    int i = from;
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  static String required(ControlStanza s, String field, String file) {
    String v = s.get(field);
    if (v == null || v.isBlank()) {
      throw new InputException(file, s.location(), "stanza has no " + field + " field");
    }
    return v.strip();
  }

  /** Adds {@code value} to a map of one string or a list of strings (most keys have one). */
  @SuppressWarnings("unchecked")
  static void addTo(Map<String, Object> map, String key, String value) {
    Object old = map.putIfAbsent(key, value);
    if (old == null || old.equals(value)) {
      return;
    }
    if (old instanceof String s) {
      List<String> list = new ArrayList<>(2);
      list.add(s);
      list.add(value);
      map.put(key, list);
    } else {
      List<String> list = (List<String>) old;
      if (!list.contains(value)) {
        list.add(value);
      }
    }
  }

  @SuppressWarnings("unchecked")
  static List<String> asList(Object v) {
    if (v == null) {
      return List.of();
    }
    return v instanceof String s ? List.of(s) : (List<String>) v;
  }

  /**
   * A binary's {@code Pre-Depends} and {@code Depends} clauses, each the names of the alternatives
   * that apply, in order; clauses with none left are dropped.
   */
  static String[][] runtimeClauses(ControlStanza s, DebianArch arch, Options options, String file) {
    List<String[]> out = new ArrayList<>();
    for (String field : RUNTIME_FIELDS) {
      if (s.get(field) == null) {
        continue;
      }
      for (List<Relation> clause : DebianImporter.relations(s, field, file)) {
        List<String> names = new ArrayList<>(clause.size());
        for (Relation alternative : clause) {
          if (alternative.appliesTo(arch, options.profiles())) {
            names.add(alternative.name());
          }
        }
        if (!names.isEmpty()) {
          out.add(names.toArray(new String[0]));
        }
      }
    }
    return out.toArray(new String[0][]);
  }
}
