package dev.preflight.cost;

import dev.preflight.graph.PackageGraph;
import dev.preflight.settings.CostSettings;
import java.util.Arrays;

/**
 * Estimates every node's build duration (DESIGN.md §3) as a log-normal, trying in order:
 *
 * <ol>
 *   <li><b>history</b>: the robust observed seconds of the node's id in the history file ({@link
 *       History}); the observation is taken as the mean, with sigma {@code observedSigma};
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
 * <p><b>Complexity:</b> {@code O(V)}, one pass. <b>Thread-safety:</b> stateless. <b>Invariants</b>
 * (checked): every sigma is finite and {@code >= 0}, every mu finite.
 */
public final class DurationModel {
  private DurationModel() {}

  /** The durations of every node of {@code graph}; {@code history} may be null. */
  public static Durations estimate(PackageGraph graph, History history, CostSettings s) {
    int n = graph.nodeCount();
    double[] mu = new double[n];
    double[] sigma = new double[n];
    byte[] source = new byte[n];
    double[] mean = new double[n];
    Arrays.fill(mean, Double.NaN);
    double observedShift = s.observedSigma() * s.observedSigma() / 2;
    for (int v = 0; v < n; v++) {
      double observed = history == null ? Double.NaN : history.observedSeconds(graph.id(v));
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

  /** The size model's median seconds for a node of {@code sizeBytes} bytes (before clamping). */
  public static double sizeMedianSeconds(long sizeBytes, CostSettings s) {
    double megabytes = Math.max(0, sizeBytes) / 1e6;
    double median =
        s.overheadSeconds() + s.sizeCoefficientSeconds() * Math.pow(megabytes, s.sizeExponent());
    return Math.max(median, Math.max(s.minSeconds(), 1e-9));
  }
}
