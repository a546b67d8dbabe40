package dev.preflight.risk;

import dev.preflight.settings.RiskSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Which builds to run to <b>measure</b> the breakage rate of the at-risk population (rebuilt nodes
 * that are newly at risk or unknown): a stratified random sample.
 *
 * <h2>Strata</h2>
 *
 * The population's nodes are sorted by predicted failure probability {@code p} and cut into {@code
 * H} contiguous strata of equal shares of {@code sum sqrt(p~(1-p~))}, {@code p~ = max(p,
 * planningMinRate)} (the cumulative-sqrt rule: with Neyman allocation it makes every stratum about
 * equally worth sampling). Stratum {@code h} has {@code N_h} nodes, weight {@code W_h = N_h / N},
 * an anticipated rate {@code P_h = max(mean p, planningMinRate)} and {@code S_h = sqrt(P_h (1 -
 * P_h))}.
 *
 * <h2>Sample size</h2>
 *
 * For a half-width {@code eps} at confidence {@code 1 - alpha} ({@code z = Phi^-1(1 - alpha/2)}),
 * Neyman allocation needs (Cochran, Sampling Techniques, 5.26 with the finite population
 * correction)
 *
 * <pre>n = (sum W_h S_h)^2 / ((eps / z)^2 + sum W_h S_h^2 / N)</pre>
 *
 * allocated as {@code minSamplesPerStratum} per stratum first and the rest in proportion to {@code
 * N_h S_h} ({@code N_h S_h / sqrt(c_h)} with a CPU budget, {@code c_h} the stratum's mean build
 * hours), then raised one by one until the planned half-width {@code z sqrt(sum W_h^2 (1 - n_h/N_h)
 * S_h^2 / n_h)} is at most {@code eps}. Within a stratum the nodes are a seeded simple random
 * sample; that randomness is what makes the estimate of {@link StratifiedEstimate} unbiased
 * whatever the model got wrong. The planned half-width is only as good as the anticipated rates;
 * the estimate's own interval is what counts once results are in.
 *
 * <p>With {@code --sample-builds k} the plan takes {@code k}; with {@code --budget-hours B} the
 * largest {@code k} (found by bisection) whose builds — the sampled nodes and every rebuilt input
 * they need — fit in {@code B} CPU-hours. Cost {@code O(N log N + H)}, plus {@code O(log N (R +
 * E_R))} with a budget. Immutable.
 */
public final class SamplingPlan {

  /** What the user asked for. {@code samples < 0} and {@code budgetHours} NaN mean "not given". */
  public record Request(double confidence, double margin, int samples, double budgetHours) {
    public Request {
      if (!(confidence > 0 && confidence < 1)) {
        throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
      }
      if (!(margin > 0 && margin < 1)) {
        throw new IllegalArgumentException("margin must be in (0, 1), got " + margin);
      }
      if (samples >= 0 && !Double.isNaN(budgetHours)) {
        throw new IllegalArgumentException("give a number of samples or a budget, not both");
      }
      if (!Double.isNaN(budgetHours)
          && !(budgetHours >= 0 && budgetHours < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("budget hours must be >= 0, got " + budgetHours);
      }
    }

    /** Size the sample for {@code margin} at {@code confidence}. */
    public static Request forMargin(double confidence, double margin) {
      return new Request(confidence, margin, -1, Double.NaN);
    }

    public String mode() {
      return samples >= 0 ? "samples" : Double.isNaN(budgetHours) ? "margin" : "budget";
    }
  }

  /** One risk stratum; index 0 is the least risky. */
  public record Stratum(
      int index,
      double lowScore,
      double highScore,
      int size,
      double predictedRate,
      double planningRate,
      double meanHours,
      int samples) {}

  private final Request request;
  private final int population;
  private final List<Stratum> strata;
  private final int requiredSamples;
  private final double plannedMargin;
  private final int[] sample;
  private final double sampleHours;
  private final int[] stratumOf;

  private SamplingPlan(
      Request request,
      int population,
      List<Stratum> strata,
      int requiredSamples,
      double plannedMargin,
      int[] sample,
      double sampleHours,
      int[] stratumOf) {
    this.request = request;
    this.population = population;
    this.strata = strata;
    this.requiredSamples = requiredSamples;
    this.plannedMargin = plannedMargin;
    this.sample = sample;
    this.sampleHours = sampleHours;
    this.stratumOf = stratumOf;
  }

  /** Plans the sample for {@code scores}' at-risk population. */
  public static SamplingPlan of(
      RiskScores scores, BuildDurations durations, RiskSettings settings, Request request) {
    return new Planner(scores, durations, settings, request).plan();
  }

  public Request request() {
    return request;
  }

  /** Size {@code N} of the at-risk population. */
  public int population() {
    return population;
  }

  public List<Stratum> strata() {
    return strata;
  }

  /** Samples needed for the requested margin at the requested confidence. */
  public int requiredSamples() {
    return requiredSamples;
  }

  /** Half-width the chosen sample is planned to give (if the anticipated rates are right). */
  public double plannedMargin() {
    return plannedMargin;
  }

  /** The sampled graph nodes: riskiest stratum first, random order within a stratum. */
  public int[] sample() {
    return sample.clone();
  }

  /** CPU-hours to build the sample, with the rebuilt inputs it needs. */
  public double sampleHours() {
    return sampleHours;
  }

  /** The stratum of local node {@code i}, or -1 if it is not in the population. */
  public int stratumOf(int i) {
    return stratumOf[i];
  }

  /** The planned half-width of an allocation; infinite if a non-empty stratum gets no sample. */
  static double margin(int[] n, int[] size, double[] sd, int population, double z) {
    double v = 0;
    for (int h = 0; h < n.length; h++) {
      if (size[h] == 0) {
        continue;
      }
      if (n[h] == 0) {
        return Double.POSITIVE_INFINITY;
      }
      double w = (double) size[h] / population;
      double fpc = 1 - (double) n[h] / size[h];
      v += w * w * fpc * sd[h] * sd[h] / n[h];
    }
    return z * Math.sqrt(v);
  }

  /** Does the planning; one use. */
  private static final class Planner {
    final RiskScores scores;
    final BuildDurations durations;
    final RiskSettings settings;
    final Request request;
    final double z;
    int[][] members; // per stratum, in sampling (permuted) order
    int[] size;
    double[] sd;
    double[] weight;
    double[] hours;
    double[] nodeHours;
    int population;

    Planner(RiskScores scores, BuildDurations d, RiskSettings s, Request r) {
      this.scores = scores;
      this.durations = d;
      this.settings = s;
      this.request = r;
      this.z = Stats.z(r.confidence());
    }

    SamplingPlan plan() {
      int n = scores.size();
      int[] stratumOf = new int[n];
      Arrays.fill(stratumOf, -1);
      Integer[] order = new Integer[n];
      int count = 0;
      for (int i = 0; i < n; i++) {
        if (scores.atRisk(i)) {
          order[count++] = i;
        }
      }
      population = count;
      if (count == 0) {
        return new SamplingPlan(request, 0, List.of(), 0, 0, new int[0], 0, stratumOf);
      }
      Integer[] pop = Arrays.copyOf(order, count);
      Arrays.sort(
          pop,
          (a, b) -> {
            int c = Double.compare(scores.failure(a), scores.failure(b));
            return c != 0 ? c : Integer.compare(scores.node(a), scores.node(b));
          });
      int strataWanted = Math.min(settings.strata(), count);
      double floor = settings.planningMinRate();
      double total = 0;
      for (int i : pop) {
        total += planningSd(scores.failure(i), floor);
      }
      int[] raw = new int[count];
      double cum = 0;
      for (int r = 0; r < count; r++) {
        raw[r] = (int) Math.min(strataWanted - 1, Math.floor(cum / total * strataWanted));
        cum += planningSd(scores.failure(pop[r]), floor);
      }
      // Renumber so that strata are consecutive and non-empty.
      int h = -1;
      int previous = -1;
      for (int r = 0; r < count; r++) {
        if (raw[r] != previous) {
          h++;
          previous = raw[r];
        }
        stratumOf[pop[r]] = h;
      }
      int strataCount = h + 1;
      size = new int[strataCount];
      double[] meanP = new double[strataCount];
      double[] low = new double[strataCount];
      double[] high = new double[strataCount];
      hours = new double[strataCount];
      Arrays.fill(low, Double.POSITIVE_INFINITY);
      Arrays.fill(high, Double.NEGATIVE_INFINITY);
      for (int i : pop) {
        int s = stratumOf[i];
        size[s]++;
        double p = scores.failure(i);
        meanP[s] += p;
        low[s] = Math.min(low[s], p);
        high[s] = Math.max(high[s], p);
        hours[s] += durations.seconds(scores.node(i)) / 3600.0;
      }
      sd = new double[strataCount];
      weight = new double[strataCount];
      double[] planning = new double[strataCount];
      boolean budget = request.mode().equals("budget");
      for (int s = 0; s < strataCount; s++) {
        meanP[s] /= size[s];
        hours[s] /= size[s];
        planning[s] = Math.max(meanP[s], floor);
        sd[s] = Math.sqrt(planning[s] * (1 - planning[s]));
        weight[s] = size[s] * sd[s] / (budget ? Math.sqrt(Math.max(hours[s], 1e-6)) : 1);
      }
      // Sampling order within each stratum: a seeded shuffle of its nodes (ascending node order
      // first, so the plan depends only on the inputs and the seed).
      members = new int[strataCount][];
      int[] fill = new int[strataCount];
      for (int s = 0; s < strataCount; s++) {
        members[s] = new int[size[s]];
      }
      for (int i = 0; i < n; i++) {
        if (stratumOf[i] >= 0) {
          members[stratumOf[i]][fill[stratumOf[i]]++] = i;
        }
      }
      SplittableRandom rng = new SplittableRandom(settings.seed() * 0x9E3779B97F4A7C15L + 17);
      for (int s = 0; s < strataCount; s++) {
        int[] m = members[s];
        for (int a = m.length - 1; a > 0; a--) {
          int b = rng.nextInt(a + 1);
          int t = m[a];
          m[a] = m[b];
          m[b] = t;
        }
      }

      int required = required();
      int k =
          switch (request.mode()) {
            case "samples" -> Math.min(request.samples(), population);
            case "budget" -> largestWithin(request.budgetHours());
            default -> required;
          };
      int[] alloc = allocate(k);
      int[] sample = sampleOf(alloc);
      double sampleHours = hoursOf(sample);
      List<Stratum> strata = new ArrayList<>();
      for (int s = 0; s < strataCount; s++) {
        strata.add(
            new Stratum(s, low[s], high[s], size[s], meanP[s], planning[s], hours[s], alloc[s]));
      }
      int[] sampleNodes = new int[sample.length];
      for (int j = 0; j < sample.length; j++) {
        sampleNodes[j] = scores.node(sample[j]);
      }
      return new SamplingPlan(
          request,
          population,
          Collections.unmodifiableList(strata),
          required,
          margin(alloc, size, sd, population, z),
          sampleNodes,
          sampleHours,
          stratumOf);
    }

    static double planningSd(double p, double floor) {
      double q = Math.max(p, floor);
      return Math.sqrt(q * (1 - q));
    }

    int required() {
      double sumWs = 0;
      double sumWs2 = 0;
      for (int s = 0; s < size.length; s++) {
        double w = (double) size[s] / population;
        sumWs += w * sd[s];
        sumWs2 += w * sd[s] * sd[s];
      }
      double e = request.margin() / z;
      int k = (int) Math.min(population, Math.ceil(sumWs * sumWs / (e * e + sumWs2 / population)));
      while (k < population
          && margin(allocate(k), size, sd, population, z) > request.margin() + 1e-12) {
        k++;
      }
      return k;
    }

    /**
     * Minimums first (when {@code k} allows them all), then the rest in proportion to the Neyman
     * weights: strata whose share would exceed their size are filled and the rest is shared again;
     * the shares' fractions go by largest remainder (ties: lower stratum).
     */
    int[] allocate(int k) {
      int strataCount = size.length;
      int[] n = new int[strataCount];
      k = Math.min(k, population);
      int mins = 0;
      for (int s = 0; s < strataCount; s++) {
        mins += Math.min(settings.minSamplesPerStratum(), size[s]);
      }
      if (k >= mins) {
        for (int s = 0; s < strataCount; s++) {
          n[s] = Math.min(settings.minSamplesPerStratum(), size[s]);
        }
      }
      int rem = k - Arrays.stream(n).sum();
      boolean[] full = new boolean[strataCount];
      double[] share = new double[strataCount];
      boolean capped = true;
      while (capped) {
        capped = false;
        double sumW = 0;
        int open = 0;
        for (int s = 0; s < strataCount; s++) {
          if (!full[s]) {
            sumW += weight[s];
            open++;
          }
        }
        for (int s = 0; s < strataCount; s++) {
          if (full[s]) {
            continue;
          }
          share[s] = sumW > 0 ? rem * weight[s] / sumW : (double) rem / open;
          if (n[s] + share[s] >= size[s]) {
            rem -= size[s] - n[s];
            n[s] = size[s];
            full[s] = true;
            capped = true;
          }
        }
      }
      int given = 0;
      for (int s = 0; s < strataCount; s++) {
        if (!full[s]) {
          int g = (int) Math.floor(share[s]);
          n[s] += g;
          given += g;
        }
      }
      for (int left = rem - given; left > 0; left--) {
        int best = -1;
        for (int s = 0; s < strataCount; s++) {
          if (!full[s]
              && n[s] < size[s]
              && (best < 0
                  || share[s] - Math.floor(share[s]) > share[best] - Math.floor(share[best]))) {
            best = s;
          }
        }
        if (best < 0) {
          break;
        }
        n[best]++;
        share[best] = Math.floor(share[best]); // one extra each, largest remainders first
      }
      return n;
    }

    int[] sampleOf(int[] alloc) {
      int total = 0;
      for (int a : alloc) {
        total += a;
      }
      int[] out = new int[total];
      int j = 0;
      for (int s = alloc.length - 1; s >= 0; s--) {
        for (int q = 0; q < alloc[s]; q++) {
          out[j++] = members[s][q];
        }
      }
      return out;
    }

    double hoursOf(int[] sample) {
      RebuildDag dag = scores.dag;
      if (nodeHours == null) {
        nodeHours = dag.hours(durations);
      }
      boolean[] built = new boolean[dag.size];
      int[] stack = new int[dag.size];
      double h = 0;
      for (int i : sample) {
        h += dag.build(i, built, nodeHours, stack);
      }
      return h;
    }

    int largestWithin(double budget) {
      int lo = 0;
      int hi = population;
      if (hoursOf(sampleOf(allocate(hi))) <= budget) {
        return hi;
      }
      while (hi - lo > 1) {
        int mid = (lo + hi) >>> 1;
        if (hoursOf(sampleOf(allocate(mid))) <= budget) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      return lo;
    }
  }
}
