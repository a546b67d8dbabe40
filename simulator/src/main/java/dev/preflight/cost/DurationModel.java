package dev.preflight.cost;

import dev.preflight.graph.PackageGraph;
import dev.preflight.history.BuildResult;
import dev.preflight.history.History;
import dev.preflight.settings.CostSettings;
import java.util.Arrays;

/**
 * Estimates every node's build duration (DESIGN.md §3) as a log-normal, trying in order:
 *
 * <ol>
 *   <li><b>history</b>: the robust observed seconds of the node's id in the build history ({@link
 *       History}, see {@link #observedSeconds}); the observation is taken as the mean, with sigma
 *       {@code observedSigma};
 *   <li><b>graph</b>: the node's {@code buildSeconds} attribute, the same way;
 *   <li><b>size</b>: from {@code sizeBytes} (Debian: the summed size of the source files), median
 *       {@code overheadSeconds + sizeCoefficientSeconds * (sizeBytes / 1e6) ^ sizeExponent}, sigma
 *       {@code sizeSigma};
 *   <li><b>default</b>: median {@code defaultMedianSeconds}, sigma {@code defaultSigma}.
 * </ol>
 *
 * <p><b>The size model and its fit.</b> A fixed overhead plus a power of the source size: small
 * packages all take about the same (unpack, configure, package: the overhead dominates), large ones
 * grow almost linearly with size. The four constants were fitted by least squares on the published
 * shape of a full Debian rebuild (10,052 sources, 220 CPU-hours serially: mean 79 s, median 27 s,
 * 54% under 30 s, 17 over one hour, longest ~6 h), treating a rebuild as one draw per source from
 * the model applied to the size distribution of the 34,289 Debian bookworm sources. The defaults
 * (20 s, 18 s, 0.89, 0.96) give median 26.8 s, mean 79.6 s, 54.2% under 30 s, 17.2 per 10,052 over
 * an hour and a 1-in-10,052 quantile of 6.3 h ({@code DurationModelTest} checks this on seeded
 * Debian-like sizes). For one package the model is rough (the kernel's median is ~24 min where
 * Debian's build takes hours); the spread (sigma) carries that uncertainty into {@code --samples}.
 *
 * <p><b>Complexity:</b> {@code O(V + H log H)}, one pass over the nodes plus sorting at most {@code
 * historyWindow} seconds per history id. <b>Thread-safety:</b> stateless. <b>Invariants</b>
 * (checked): every sigma is finite and {@code >= 0}, every mu finite.
 */
public final class DurationModel {
  private DurationModel() {}

  /** The durations of every node of {@code graph}; {@code history} may be null. */
  public static Durations estimate(PackageGraph graph, History history, CostSettings s) {
    int n = graph.nodeCount();
    int[] historyIndex = history == null ? null : history.bind(graph);
    double[] mu = new double[n];
    double[] sigma = new double[n];
    byte[] source = new byte[n];
    double[] mean = new double[n];
    Arrays.fill(mean, Double.NaN);
    double observedShift = s.observedSigma() * s.observedSigma() / 2;
    for (int v = 0; v < n; v++) {
      double observed =
          historyIndex == null || historyIndex[v] < 0
              ? Double.NaN
              : observedSeconds(history, historyIndex[v], s.historyWindow());
      DurationSource src = DurationSource.HISTORY;
      if (Double.isNaN(observed)) {
        observed = graph.buildSeconds(v);
        src = DurationSource.GRAPH;
      }
      if (!Double.isNaN(observed)) {
        // The observation is the mean: mu = ln(mean) - sigma^2 / 2.
        mu[v] = Math.log(Math.max(observed, Math.max(s.minSeconds(), 1e-9))) - observedShift;
        sigma[v] = s.observedSigma();
        mean[v] = observed;
      } else if (graph.sizeBytes(v) >= 0) {
        src = DurationSource.SIZE;
        mu[v] = Math.log(sizeMedianSeconds(graph.sizeBytes(v), s));
        sigma[v] = s.sizeSigma();
      } else {
        src = DurationSource.DEFAULT;
        mu[v] = Math.log(s.defaultMedianSeconds());
        sigma[v] = s.defaultSigma();
      }
      source[v] = (byte) src.ordinal();
    }
    for (int v = 0; v < n; v++) {
      if (!Double.isFinite(mu[v]) || !Double.isFinite(sigma[v]) || sigma[v] < 0) {
        throw new IllegalStateException("bad duration parameters for node " + graph.id(v));
      }
    }
    return new Durations(mu, sigma, mean, source, s.minSeconds(), s.maxSeconds());
  }

  /**
   * The robust observed seconds of history id {@code k}: the <b>median of its {@code window} latest
   * successful builds that recorded seconds</b> (latest by {@code finishedAt}, ties in file order,
   * as {@link History} keeps them), or {@code NaN} if it has none. Failed builds are ignored (a
   * failure stops early and says little about a full build). The median of the latest few, rather
   * than the latest alone, keeps one slow run on a loaded builder from setting the estimate; the
   * window lets the estimate follow a package whose build got longer.
   *
   * @param window how many latest successful builds the median is taken over ({@code >= 1})
   */
  static double observedSeconds(History history, int k, int window) {
    if (window < 1) {
      throw new IllegalArgumentException("window must be >= 1");
    }
    double[] latest = new double[window];
    int count = 0;
    for (int p = history.entriesEnd(k) - 1; p >= history.entriesStart(k) && count < window; p--) {
      double seconds = history.seconds(p);
      if (history.result(p) == BuildResult.SUCCESS && !Double.isNaN(seconds)) {
        latest[count++] = seconds;
      }
    }
    if (count == 0) {
      return Double.NaN;
    }
    Arrays.sort(latest, 0, count);
    return count % 2 == 1 ? latest[count / 2] : (latest[count / 2 - 1] + latest[count / 2]) / 2;
  }

  /** The size model's median seconds for a node of {@code sizeBytes} bytes (before clamping). */
  public static double sizeMedianSeconds(long sizeBytes, CostSettings s) {
    double megabytes = Math.max(0, sizeBytes) / 1e6;
    double median =
        s.overheadSeconds() + s.sizeCoefficientSeconds() * Math.pow(megabytes, s.sizeExponent());
    return Math.max(median, Math.max(s.minSeconds(), 1e-9));
  }
}
