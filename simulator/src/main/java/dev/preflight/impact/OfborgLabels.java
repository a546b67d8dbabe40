package dev.preflight.impact;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rebuild labels nixpkgs' bots set on a pull request ({@code 10.rebuild-linux: 11-100}), from
 * the bucket texts in the settings.
 *
 * <p>Sources: nixpkgs CI {@code getLabels} (NixOS/nixpkgs {@code ci/eval/compare/utils.nix}, commit
 * 359f8630) and ofborg's {@code RebuildTagger::bucket} (NixOS/ofborg {@code ofborg/src/tagger.rs},
 * commit eb120ff7; the {@code 1} bucket since ofborg PR #395): {@code 0}; exactly one rebuild
 * {@code 1} and {@code 1-10}; {@code 1-10} up to 10; {@code 11-100}; {@code 101-500}; above 500
 * both {@code 501+} and one of {@code 501-1000}, {@code 1001-2500}, {@code 2501-5000}, {@code
 * 5001+}. Labels are emitted darwin first, then linux, always for both kernels (a kernel with no
 * rebuilds gets {@code 0}). A bucket text is {@code N}, {@code A-B} or {@code A+}; a count gets
 * every bucket whose range contains it, in settings order.
 *
 * <p>The count is what nixpkgs CI counts: distinct attribute paths per kernel over every platform
 * of that kernel ({@code groupByKernel}), aarch64 included (ofborg counted x86_64 only). Beside the
 * buckets nixpkgs CI sets {@code 10.rebuild-<kernel>-stdenv} when the attribute {@code stdenv}
 * itself is among the kernel's rebuilds ({@code ci/eval/compare/default.nix}, commit 0145c6da:
 * {@code lib.elem "stdenv" rebuilds}).
 */
public final class OfborgLabels {
  /** The kernels the bots label, in ofborg's order. */
  public static final List<String> KERNELS = List.of(Kernels.DARWIN, Kernels.LINUX);

  /** The attribute whose rebuild sets the {@code -stdenv} label. */
  public static final String STDENV = "stdenv";

  private static final Pattern BUCKET = Pattern.compile("(\\d+)(?:-(\\d+)|(\\+))?");

  private final List<String> texts = new ArrayList<>();
  private final List<long[]> ranges = new ArrayList<>();

  /**
   * @param buckets the main buckets ({@code 0}, {@code 1}, {@code 1-10}, …, {@code 501+})
   * @param largeBuckets the finer buckets for large counts
   * @throws IllegalArgumentException for a text that is not {@code N}, {@code A-B} or {@code A+}
   */
  public OfborgLabels(List<String> buckets, List<String> largeBuckets) {
    add(buckets);
    add(largeBuckets);
  }

  private void add(List<String> buckets) {
    for (String b : buckets) {
      texts.add(b);
      ranges.add(parse(b));
    }
  }

  /** The inclusive range {@code [from, to]} of a bucket text; {@code to} is MAX for {@code A+}. */
  public static long[] parse(String bucket) {
    Matcher m = BUCKET.matcher(bucket);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "label bucket '" + bucket + "' is not N, A-B or A+ (e.g. 0, 11-100, 501+)");
    }
    long from = Long.parseLong(m.group(1));
    long to =
        m.group(3) != null
            ? Long.MAX_VALUE
            : m.group(2) != null ? Long.parseLong(m.group(2)) : from;
    if (to < from) {
      throw new IllegalArgumentException("label bucket '" + bucket + "' is empty");
    }
    return new long[] {from, to};
  }

  /** The bucket texts a count falls into, in settings order. */
  public List<String> buckets(long count) {
    List<String> out = new ArrayList<>(2);
    for (int i = 0; i < texts.size(); i++) {
      long[] r = ranges.get(i);
      if (count >= r[0] && count <= r[1]) {
        out.add(texts.get(i));
      }
    }
    return out;
  }

  /** The label lines for per-kernel counts: darwin then linux, missing kernels count 0. */
  public List<String> labels(Map<String, Integer> countByKernel) {
    return labels(countByKernel, Set.of());
  }

  /**
   * The label lines for per-kernel attribute counts, each kernel's bucket labels followed by its
   * {@code -stdenv} label when the kernel is in {@code stdenvKernels}.
   */
  public List<String> labels(Map<String, Integer> countByKernel, Set<String> stdenvKernels) {
    List<String> out = new ArrayList<>();
    for (String kernel : KERNELS) {
      int count = countByKernel.getOrDefault(kernel, 0);
      for (String bucket : buckets(count)) {
        out.add("10.rebuild-" + kernel + ": " + bucket);
      }
      if (stdenvKernels.contains(kernel)) {
        out.add("10.rebuild-" + kernel + "-stdenv");
      }
    }
    return out;
  }
}
