package dev.preflight.graph.io.nix;

/**
 * Store path and derivation name rules shared by the Nix readers.
 *
 * <p>Newer Nix releases print store paths as base names ({@code <hash>-<name>.drv}, derivation JSON
 * version 3 and later, and {@code nix-store --query --graph} since it prints {@code
 * StorePath::to_string()}); older ones print full paths. Node ids are always the full path, so the
 * same derivation gets the same id from every format.
 */
public final class StorePaths {
  /** The store directory base names are resolved against unless a file names another. */
  public static final String DEFAULT_STORE_DIR = "/nix/store";

  /** Length of the base-32 hash part of a store path's base name. */
  static final int HASH_LENGTH = 32;

  private static final String HASH_ALPHABET = "0123456789abcdfghijklmnpqrsvwxyz";

  private StorePaths() {}

  /**
   * The full store path for {@code path}: absolute paths are kept, store path base names ({@code
   * <32-char hash>-<name>}) are put under {@code storeDir} (default {@link #DEFAULT_STORE_DIR}),
   * and anything else (a hand-written id such as {@code a.drv}) is kept as it is.
   */
  public static String normalize(String path, String storeDir) {
    if (path.startsWith("/") || !hasHashPrefix(path)) {
      return path;
    }
    String dir = storeDir == null || storeDir.isEmpty() ? DEFAULT_STORE_DIR : storeDir;
    return dir.endsWith("/") ? dir + path : dir + "/" + path;
  }

  /** Whether {@code path} names a derivation ({@code .drv} file). */
  public static boolean isDerivation(String path) {
    return path.endsWith(".drv");
  }

  /**
   * The name part of a store path: the base name without the {@code <hash>-} prefix (when it has
   * one) and without a {@code .drv} suffix. {@code /nix/store/abc…-curl-8.5.0.drv} gives {@code
   * curl-8.5.0}.
   */
  public static String storeName(String path) {
    String base = path.substring(path.lastIndexOf('/') + 1);
    if (hasHashPrefix(base)) {
      base = base.substring(HASH_LENGTH + 1);
    }
    if (isDerivation(base)) {
      base = base.substring(0, base.length() - 4);
    }
    return base;
  }

  /** Whether {@code base} starts with a store hash and a dash ({@code <32 base-32 chars>-}). */
  static boolean hasHashPrefix(String base) {
    if (base.length() <= HASH_LENGTH + 1 || base.charAt(HASH_LENGTH) != '-') {
      return false;
    }
    for (int i = 0; i < HASH_LENGTH; i++) {
      if (HASH_ALPHABET.indexOf(base.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Splits a derivation name into package name and version exactly as Nix's {@code
   * builtins.parseDrvName} does ({@code DrvName} in libexpr's names.cc): the name ends at the first
   * dash that is not followed by a letter; the rest is the version. {@code curl-8.5.0} gives {@code
   * [curl, 8.5.0]}, {@code perl5.38.2-XML-Parser-2.46} gives {@code [perl5.38.2-XML-Parser, 2.46]},
   * {@code bootstrap-stage0-stdenv-linux} gives {@code [bootstrap-stage0-stdenv-linux, ""]}.
   */
  public static String[] parseDrvName(String drvName) {
    for (int i = 0; i + 1 < drvName.length(); i++) {
      if (drvName.charAt(i) == '-' && !isAsciiLetter(drvName.charAt(i + 1))) {
        return new String[] {drvName.substring(0, i), drvName.substring(i + 1)};
      }
    }
    return new String[] {drvName, ""};
  }

  // Nix uses C isalpha in the C locale: ASCII letters only.
  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
