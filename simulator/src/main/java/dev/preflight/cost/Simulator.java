package dev.preflight.cost;

import dev.preflight.graph.InputException;
import dev.preflight.graph.PackageGraph;
import dev.preflight.settings.CostSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A discrete-event simulation of a rebuild on a cluster (DESIGN.md §3), compiled once for a
 * workload, a cluster and a scheduler, then {@link #run} any number of times with point or drawn
 * durations.
 *
 * <p><b>What it computes.</b> A job is runnable when its {@link BuildOrder} lets it: under {@code
 * dependencies} when every input job in the order's DAG has finished (inputs outside the set are
 * already built; edges inside a cycle are not in the DAG, so a cycle's members build in parallel);
 * under {@code levels} also when every job of the previous level has finished, failed or been
 * skipped (a barrier per level); under {@code independent} at once. Runnable jobs wait in one queue
 * per placement class (system set and required features), ordered by the {@link Scheduler}'s keys.
 * A job's required features follow the workload's {@link PlacementRule}: the graph's {@code
 * requiredSystemFeatures} when it records any, else {@code big-parallel} guessed from durations
 * (dropped for system sets no pool builds with the feature); a class no pool takes ({@link
 * Pool#acceptsFeatures}, Nix's rules) is an {@link InputException} at compile time. Machines are
 * chosen as Hydra does. For {@code hydra} and {@code hydra-critical-path}, as the Rust queue runner
 * ({@code subprojects/hydra-queue-runner/src/state/queue.rs} {@code process}, {@code
 * state/machine.rs} {@code get_machine_for_system}, {@code MachinesInner::sort}, {@code score}):
 * the best runnable job takes the first machine with a free slot that supports it, machines ranked
 * by score descending, then fewer current jobs; the default score is speed factor × bogomips × CPU
 * count ({@code BogomipsWithSpeedFactor}); our pools have no bogomips or CPU count, so the score is
 * {@code speedFactor × maxJobs} (bogomips taken as 1, slots standing for CPUs). For the other
 * schedulers, as the C++ dispatcher's {@code doDispatch}: machines with a free slot are ordered by
 * {@code round(currentJobs / speedFactor)}, then faster, then busier; the first machine that can
 * take some runnable job takes the best one it supports. Either way, repeat until nothing more can
 * start. A pool with {@code maxJobs} 0 takes no job (as a Nix machine with no slot: build-remote
 * skips it, and Hydra's static capacity check {@code currentJobs < maxJobs} never passes). A build
 * of {@code d} seconds runs {@code d / speedFactor} on its machine. Autoscaled pools are evaluated
 * every {@code autoscaleIntervalSeconds} ({@link Autoscale}); started machines take work after
 * {@code bootSeconds}; surplus machines stop once idle long enough. A failing job (if failures are
 * given) runs {@code failedRunFraction} of its duration, then every job needing it is marked
 * dependency-failed and skipped. Fixed machines run from time 0; every machine is billed from its
 * start (boot included) to its stop or to the makespan, by its pool's {@link Billing}.
 *
 * <p><b>Complexity.</b> {@code O((J + E) log J + J * (P * C + L))} per run for {@code J} jobs,
 * {@code E} job edges, {@code P} pools, {@code C} placement classes and {@code L} load levels
 * scanned per dispatch (at most the slots of a machine), plus one step per autoscaling evaluation.
 * Primitive arrays and int heaps; no allocation per event (series recording appends to growable
 * primitive arrays).
 *
 * <p><b>Thread-safety.</b> Immutable after {@link #compile}; {@link #run} keeps its state in an
 * {@link Execution} of its own, so concurrent runs are safe.
 *
 * <p><b>Files.</b> This class compiles (placement classes, pools, the static queue keys, the
 * bounds); {@link Execution} is one run's event loop, dispatch and machines; {@link SeriesRecorder}
 * bins its utilization and queue series; {@link LoadBuckets} finds a machine by pool and load.
 *
 * <p><b>Invariants</b> (checked at the end of every run): every job is built, failed or
 * dependency-failed; no job started before all its inputs in the order's DAG finished (under {@code
 * levels}, nor before every job of the previous level ended); no machine ever held more jobs than
 * its slots, and all are empty at the end; busy slot-seconds equal the CPU-seconds spent (work
 * conserved); no pool ran more machines at once than its maximum, and its machine-seconds are at
 * most its peak of running machines times the makespan (so the mean never exceeds the peak).
 */
public final class Simulator {

  final Workload workload;
  final JobGraph jobs;
  final int jobCount;
  final Cluster cluster;
  final Scheduler scheduler;
  final long[] staticKey;
  final int[] tie;
  final int[] inputCount;
  final int[] jobClass;
  final int classCount;
  final int[][] poolClasses;
  final int poolCount;
  final int[] slots;
  final double[] speed;
  final Billing[] billing;
  final double[] price;
  final double[] boot;
  final Autoscale[] autoscale;
  final int[] initial;
  final int[] poolStart;
  final int machineCount;
  final int[] machinePool;
  final int[][] loadOrder;
  final int[] loadBase;
  final int bucketCount;
  final boolean autoscaling;
  final double interval;
  final double failedFraction;
  final int seriesPoints;
  final double lowerBound;
  final double[] fastestSeconds;
  final JobGraph.Chain criticalPath;
  final boolean levels;
  final int[][] classPools;
  final double[] score;
  final Placement placement;

  private Simulator(
      Workload w, Cluster c, Scheduler s, Set<String> channels, CostSettings settings) {
    this.workload = w;
    this.jobs = w.jobs();
    this.jobCount = jobs.jobCount();
    this.cluster = c;
    this.scheduler = s;
    this.poolCount = c.pools().size();
    this.interval = settings.autoscaleIntervalSeconds();
    this.failedFraction = settings.failedRunFraction();
    this.seriesPoints = settings.seriesPoints();

    // Placement classes: (system set, required features). Features come from the graph, or, for a
    // graph without feature data, from the duration guess where the cluster can honour it.
    boolean guess = w.placementRule() == PlacementRule.DURATION_GUESS;
    boolean[] bigParallelKnown = guess ? bigParallelKnown(c, jobs) : null;
    Map<List<String>, Integer> featureSetIds = new HashMap<>();
    List<List<String>> featureSets = new ArrayList<>();
    Map<Long, Integer> classOfKey = new HashMap<>();
    List<Integer> classSystemSets = new ArrayList<>();
    List<Integer> classFeatureSets = new ArrayList<>();
    this.jobClass = new int[jobCount];
    int[] featureCount = new int[jobCount];
    this.inputCount = new int[jobCount];
    this.tie = new int[jobCount];
    TreeMap<String, Integer> needing = new TreeMap<>();
    for (int j = 0; j < jobCount; j++) {
      int set = jobs.systemSetOf(j);
      List<String> features = guess && !bigParallelKnown[set] ? List.of() : w.requiredFeatures(j);
      Integer fs = featureSetIds.get(features);
      if (fs == null) {
        fs = featureSets.size();
        featureSetIds.put(features, fs);
        featureSets.add(features);
      }
      featureCount[j] = features.size();
      for (String f : features) {
        needing.merge(f, jobs.memberCount(j), Integer::sum);
      }
      long key = (long) set << 32 | fs;
      Integer k = classOfKey.get(key);
      if (k == null) {
        k = classSystemSets.size();
        classOfKey.put(key, k);
        classSystemSets.add(set);
        classFeatureSets.add(fs);
      }
      jobClass[j] = k;
      inputCount[j] = jobs.inputCount(j);
      tie[j] = jobs.queuePosition(j);
    }
    this.placement = new Placement(w.placementRule(), w.bigParallelSeconds(), needing);
    this.classCount = classSystemSets.size();

    // Pools.
    List<Pool> pools = c.pools();
    this.slots = new int[poolCount];
    this.speed = new double[poolCount];
    this.billing = new Billing[poolCount];
    this.price = new double[poolCount];
    this.boot = new double[poolCount];
    this.autoscale = new Autoscale[poolCount];
    this.initial = new int[poolCount];
    this.poolStart = new int[poolCount + 1];
    this.loadOrder = new int[poolCount][];
    this.loadBase = new int[poolCount + 1];
    boolean anyAutoscale = false;
    double capacity = 0;
    for (int p = 0; p < poolCount; p++) {
      Pool pool = pools.get(p);
      slots[p] = pool.maxJobs();
      speed[p] = pool.speedFactor();
      billing[p] = pool.billing();
      price[p] = pool.pricePerHour();
      boot[p] = pool.bootSeconds();
      autoscale[p] = pool.autoscale();
      initial[p] = pool.count();
      anyAutoscale |= pool.autoscale() != null;
      poolStart[p + 1] = Math.addExact(poolStart[p], pool.maxMachines());
      loadBase[p + 1] = loadBase[p] + slots[p];
      loadOrder[p] = hydraLoadOrder(slots[p], speed[p]);
      if (takesJobs(pool)) {
        capacity += (double) pool.maxMachines() * slots[p] * speed[p];
      }
    }
    this.autoscaling = anyAutoscale;
    this.machineCount = poolStart[poolCount];
    this.bucketCount = loadBase[poolCount];
    this.machinePool = new int[machineCount];
    for (int p = 0; p < poolCount; p++) {
      Arrays.fill(machinePool, poolStart[p], poolStart[p + 1], p);
    }
    double work = w.totalWork() / Math.max(capacity, 1e-300);

    // Which pools take which classes; every class needs one with machines.
    PackageGraph g = jobs.graph();
    List<List<Integer>> perPool = new ArrayList<>();
    for (int p = 0; p < poolCount; p++) {
      perPool.add(new ArrayList<>());
    }
    for (int k = 0; k < classCount; k++) {
      int[] systems = jobs.systemSet(classSystemSets.get(k));
      List<String> features = featureSets.get(classFeatureSets.get(k));
      boolean placed = false;
      for (int p = 0; p < poolCount; p++) {
        Pool pool = pools.get(p);
        boolean ok = takesJobs(pool) && pool.acceptsFeatures(features);
        for (int sys : systems) {
          ok &= pool.buildsSystem(g.systems().get(sys));
        }
        if (ok) {
          perPool.get(p).add(k);
          placed = true;
        }
      }
      if (!placed) {
        throw unplaceable(k, systems, features);
      }
    }
    this.poolClasses = new int[poolCount][];
    double[] classSpeed = new double[classCount];
    List<List<Integer>> perClass = new ArrayList<>();
    for (int k = 0; k < classCount; k++) {
      perClass.add(new ArrayList<>());
    }
    for (int p = 0; p < poolCount; p++) {
      poolClasses[p] = perPool.get(p).stream().mapToInt(Integer::intValue).toArray();
      for (int k : poolClasses[p]) {
        classSpeed[k] = Math.max(classSpeed[k], speed[p]);
        perClass.get(k).add(p);
      }
    }
    // The Rust queue runner's machine score (see the class comment), pools best first per class.
    this.score = new double[poolCount];
    for (int p = 0; p < poolCount; p++) {
      score[p] = speed[p] * slots[p];
    }
    this.classPools = new int[classCount][];
    for (int k = 0; k < classCount; k++) {
      classPools[k] =
          perClass.get(k).stream()
              .sorted((a, b) -> Double.compare(score[b], score[a]))
              .mapToInt(Integer::intValue)
              .toArray();
    }
    // The chain bound: the longest path of the order's DAG when every job runs on the fastest
    // pool that may run it (a pool of its system with slots), so it is <= any makespan.
    this.fastestSeconds = new double[jobCount];
    for (int j = 0; j < jobCount; j++) {
      fastestSeconds[j] = w.point(j) / classSpeed[jobClass[j]];
    }
    this.criticalPath = jobs.longestChain(fastestSeconds);
    this.levels = jobs.order() == BuildOrder.LEVELS;
    this.lowerBound = Math.max(criticalPath.length(), work);
    this.staticKey = s.staticKeys(w, featureCount, blocking(channels, s));
  }

  /** Whether machines of {@code pool} ever take a job: it has machines, and they have slots. */
  private static boolean takesJobs(Pool pool) {
    return pool.maxMachines() > 0 && pool.maxJobs() > 0;
  }

  /**
   * Per system set: whether some pool that builds those systems offers {@code big-parallel}. Where
   * none does, the derived requirement is dropped: the requirement is a guess from durations, and a
   * cluster that cannot honour it for a system must not be made unable to build that system.
   */
  private static boolean[] bigParallelKnown(Cluster c, JobGraph jobs) {
    PackageGraph g = jobs.graph();
    boolean[] known = new boolean[jobs.systemSetCount()];
    for (int set = 0; set < known.length; set++) {
      for (Pool pool : c.pools()) {
        boolean builds = takesJobs(pool) && pool.offersFeature(Workload.BIG_PARALLEL);
        for (int sys : jobs.systemSet(set)) {
          builds &= pool.buildsSystem(g.systems().get(sys));
        }
        known[set] |= builds;
      }
    }
    return known;
  }

  /**
   * Compiles a simulation.
   *
   * @param channels for {@link Scheduler#CHANNEL_FIRST}: the channels whose builds go first (empty:
   *     all channels); ignored by the other schedulers
   * @throws InputException when some job can run on no pool, or a channel is unknown
   */
  public static Simulator compile(
      Workload w, Cluster c, Scheduler s, Set<String> channels, CostSettings settings) {
    return new Simulator(w, c, s, channels, settings);
  }

  /** How builds were placed by system feature (the same for every run). */
  public Placement placement() {
    return placement;
  }

  private InputException unplaceable(int k, int[] systems, List<String> features) {
    PackageGraph g = jobs.graph();
    int count = 0;
    int first = -1;
    for (int j = 0; j < jobCount; j++) {
      if (jobClass[j] == k) {
        count++;
        first = first < 0 ? j : first;
      }
    }
    String example = jobs.label(first);
    String id = g.id(jobs.node(first));
    if (!features.isEmpty() && !id.equals(example)) {
      example += " " + id;
    }
    List<String> names = new ArrayList<>();
    for (int sys : systems) {
      names.add(g.systems().get(sys).isEmpty() ? "(no system)" : g.systems().get(sys));
    }
    boolean slotless = false;
    for (Pool pool : cluster.pools()) {
      boolean builds = pool.maxMachines() > 0 && pool.maxJobs() == 0;
      for (int sys : systems) {
        builds &= pool.buildsSystem(g.systems().get(sys));
      }
      slotless |= builds;
    }
    return InputException.of(
        "cluster '"
            + cluster.name()
            + "' has no pool that builds "
            + String.join(" + ", names)
            + (features.isEmpty()
                ? ""
                : " with "
                    + String.join(", ", features)
                    + (workload.placementRule() == PlacementRule.GRAPH_FEATURES
                        ? " (requiredSystemFeatures)"
                        : " (guessed from durations)"))
            + ", needed by "
            + count
            + " build"
            + (count == 1 ? "" : "s")
            + " (e.g. "
            + example
            + ")"
            + (slotless
                ? "; its machines with maxJobs 0 take no job (Nix's build-remote would postpone"
                    + " these builds forever)"
                : "")
            + (features.isEmpty() ? "" : "; pools (systems; features; mandatory): " + pools()));
  }

  /** Every pool as Nix's "Failed to find a machine" hint lists machines. */
  private String pools() {
    List<String> out = new ArrayList<>();
    for (Pool p : cluster.pools()) {
      out.add(
          p.name()
              + " ["
              + String.join(",", p.systems())
              + "; "
              + (p.features().isEmpty() ? "-" : String.join(",", p.features()))
              + "; "
              + (p.mandatoryFeatures().isEmpty() ? "-" : String.join(",", p.mandatoryFeatures()))
              + "]");
    }
    return String.join(", ", out);
  }

  private boolean[] blocking(Set<String> channels, Scheduler s) {
    if (s != Scheduler.CHANNEL_FIRST) {
      return null;
    }
    PackageGraph g = jobs.graph();
    List<String> known = g.channelNames();
    List<Integer> chosen = new ArrayList<>();
    if (channels == null || channels.isEmpty()) {
      for (int i = 0; i < known.size(); i++) {
        chosen.add(i);
      }
    } else {
      for (String ch : new TreeSet<>(channels)) {
        int i = known.indexOf(ch);
        if (i < 0) {
          throw known.isEmpty()
              ? InputException.of(
                  "unknown channel '" + ch + "' (known: none: the graph has no channels)")
              : dev.preflight.graph.Names.unknown("channel", ch, known);
        }
        chosen.add(i);
      }
    }
    boolean[] blocks = new boolean[jobCount];
    for (int j = jobCount - 1; j >= 0; j--) {
      for (int p = jobs.membersStart(j); p < jobs.membersEnd(j) && !blocks[j]; p++) {
        for (int ch : chosen) {
          if (g.inChannel(jobs.member(p), ch)) {
            blocks[j] = true;
            break;
          }
        }
      }
      if (blocks[j]) {
        for (int p = jobs.inputsStart(j); p < jobs.inputsEnd(j); p++) {
          blocks[jobs.input(p)] = true;
        }
      }
    }
    return blocks;
  }

  /** Loads {@code 0 .. slots-1} in Hydra's machine preference: round(load/speed) up, load down. */
  static int[] hydraLoadOrder(int slots, double speed) {
    Integer[] loads = new Integer[slots];
    for (int l = 0; l < slots; l++) {
      loads[l] = l;
    }
    Arrays.sort(
        loads,
        (a, b) -> {
          long ra = Math.round(a / speed);
          long rb = Math.round(b / speed);
          return ra != rb ? Long.compare(ra, rb) : Integer.compare(b, a);
        });
    return Arrays.stream(loads).mapToInt(Integer::intValue).toArray();
  }

  public Workload workload() {
    return workload;
  }

  public Cluster cluster() {
    return cluster;
  }

  public Scheduler scheduler() {
    return scheduler;
  }

  /**
   * {@code LB = max(chain, work / capacity)}: {@code chain} is {@link #criticalPath()} (the order's
   * longest path with each job on the fastest pool that may run it), {@code capacity} the sum over
   * pools of {@code maxMachines * maxJobs * speedFactor}. No schedule on this cluster finishes the
   * expected durations sooner.
   */
  public double lowerBoundSeconds() {
    return lowerBound;
  }

  /**
   * The critical path on this cluster: the heaviest chain of the order's DAG with each job's
   * expected seconds divided by the speed factor of the fastest pool that may run it (so it is
   * {@code <=} every makespan). It starts at a job with no predecessor in the order's DAG.
   */
  public JobGraph.Chain criticalPath() {
    return criticalPath;
  }

  /** Each job's expected seconds on the fastest pool that may run it (a copy). */
  public double[] fastestSeconds() {
    return fastestSeconds.clone();
  }

  /** A run with the expected durations, no failures, series recorded. */
  public Run run() {
    return run(workload.points(), null, true);
  }

  /**
   * One run.
   *
   * @param durations per job seconds at speed 1 (e.g. {@link Workload#points()} or a draw)
   * @param failing per job whether it fails, or null for none
   * @param recordSeries whether to record the utilization and queue series
   */
  public Run run(double[] durations, boolean[] failing, boolean recordSeries) {
    if (durations.length != jobCount || (failing != null && failing.length != jobCount)) {
      throw new IllegalArgumentException("per-job arrays must have one entry per job");
    }
    return new Execution(this, durations, failing, recordSeries).execute();
  }
}
