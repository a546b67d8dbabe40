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
 * <p><b>Thread-safety.</b> Immutable after {@link #compile}; {@link #run} keeps its state in local
 * arrays, so concurrent runs are safe.
 *
 * <p><b>Invariants</b> (checked at the end of every run): every job is built, failed or
 * dependency-failed; no job started before all its inputs in the order's DAG finished (under {@code
 * levels}, nor before every job of the previous level ended); no machine ever held more jobs than
 * its slots, and all are empty at the end; busy slot-seconds equal the CPU-seconds spent (work
 * conserved).
 */
public final class Simulator {
  private static final byte WAITING = 0;
  private static final byte QUEUED = 1;
  private static final byte RUNNING = 2;
  private static final byte DONE = 3;
  private static final byte FAILED = 4;
  private static final byte SKIPPED = 5;

  private static final byte OFF = 0;
  private static final byte BOOTING = 1;
  private static final byte UP = 2;

  private final Workload workload;
  private final JobGraph jobs;
  private final int jobCount;
  private final Cluster cluster;
  private final Scheduler scheduler;
  private final long[] staticKey;
  private final int[] tie;
  private final int[] inputCount;
  private final int[] jobClass;
  private final int classCount;
  private final int[][] poolClasses;
  private final int poolCount;
  private final int[] slots;
  private final double[] speed;
  private final Billing[] billing;
  private final double[] price;
  private final double[] boot;
  private final Autoscale[] autoscale;
  private final int[] initial;
  private final int[] poolStart;
  private final int machineCount;
  private final int[] machinePool;
  private final int[][] loadOrder;
  private final int[] loadBase;
  private final int bucketCount;
  private final boolean autoscaling;
  private final double interval;
  private final double failedFraction;
  private final int seriesPoints;
  private final double lowerBound;
  private final double[] fastestSeconds;
  private final JobGraph.Chain criticalPath;
  private final boolean levels;
  private final int[][] classPools;
  private final double[] score;
  private final Placement placement;

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
    return new Execution(durations, failing, recordSeries).execute();
  }

  /** The state of one run. */
  private final class Execution {
    private final double[] dur;
    private final boolean[] failing;
    private final boolean record;

    private final byte[] state = new byte[jobCount];
    private final int[] pending = inputCount.clone();
    private final double[] start = new double[jobCount];
    private final int[] machineOf = new int[jobCount];
    private final double[] eventTime;
    private final EventQueue events;
    private final long[] key;
    private final RunQueue[] queues = new RunQueue[classCount];
    private final int[] queuedInClass = new int[classCount];
    private final int[] levelLeft;
    private int openLevel;

    private final byte[] mState = new byte[machineCount];
    private final int[] mLoad = new int[machineCount];
    private final double[] mIdleSince = new double[machineCount];
    private final double[] mBillStart = new double[machineCount];
    private final int[] next = new int[machineCount];
    private final int[] prev = new int[machineCount];
    private final int[] head = new int[bucketCount];
    private final int[] upFree = new int[poolCount];
    private final int[] upCount = new int[poolCount];
    private final int[] bootingCount = new int[poolCount];
    private final int[] offStack = new int[machineCount];
    private final int[] offTop = new int[poolCount];
    private final double[] costByPool = new double[poolCount];
    private final double[] machineSeconds = new double[poolCount];

    private final int tickEvent;
    private int remaining;
    private int queued;
    private int busy;
    private int upSlots;
    private double cpu;
    private double busyIntegral;
    private double lastTime;
    private double makespan;
    private int built;
    private int failed;
    private int skipped;
    private final int[] skipStack;

    // Series: step values from each recorded time on.
    private double[] recTime;
    private int[] recBusy;
    private int[] recSlots;
    private int[] recQueued;
    private int recCount;

    Execution(double[] durations, boolean[] failing, boolean record) {
      this.dur = durations;
      this.failing = failing;
      this.record = record;
      this.tickEvent = jobCount + machineCount;
      this.eventTime = new double[tickEvent + 1];
      this.events = new EventQueue(eventTime, 64);
      this.key = staticKey != null ? staticKey : new long[jobCount];
      int[] perClass = new int[classCount];
      for (int j = 0; j < jobCount; j++) {
        perClass[jobClass[j]]++;
      }
      for (int k = 0; k < classCount; k++) {
        queues[k] = new RunQueue(key, tie, perClass[k]);
      }
      this.skipStack = failing == null ? null : new int[jobCount];
      if (record) {
        recTime = new double[256];
        recBusy = new int[256];
        recSlots = new int[256];
        recQueued = new int[256];
      }
      Arrays.fill(start, Double.NaN);
      Arrays.fill(machineOf, -1);
      Arrays.fill(head, -1);
      this.levelLeft = new int[jobs.levelCount()];
      for (int l = 0; l < levelLeft.length; l++) {
        levelLeft[l] = jobs.levelEnd(l) - jobs.levelStart(l);
      }
    }

    Run execute() {
      remaining = jobCount;
      for (int p = 0; p < poolCount; p++) {
        for (int m = poolStart[p + 1] - 1; m >= poolStart[p] + initial[p]; m--) {
          offStack[poolStart[p] + offTop[p]++] = m;
        }
        for (int m = poolStart[p]; m < poolStart[p] + initial[p]; m++) {
          up(m, 0);
        }
      }
      for (int j = 0; j < jobCount; j++) {
        if (pending[j] == 0 && released(j)) {
          enqueue(j, 0);
        }
      }
      if (autoscaling && remaining > 0) {
        eventTime[tickEvent] = 0;
        events.add(tickEvent);
      }
      if (remaining > 0) {
        dispatch(0);
      }
      sample(0);
      while (remaining > 0) {
        if (events.isEmpty()) {
          throw new IllegalStateException(
              remaining + " jobs can never run (no machine will ever take them)");
        }
        double t = eventTime[events.peek()];
        advance(t);
        boolean tick = false;
        while (!events.isEmpty() && eventTime[events.peek()] == t) {
          int e = events.poll();
          if (e < jobCount) {
            complete(e, t);
          } else if (e < tickEvent) {
            booted(e - jobCount, t);
          } else {
            tick = true;
          }
        }
        if (remaining > 0) {
          dispatch(t);
          if (tick) {
            rescale(t);
            eventTime[tickEvent] = t + interval;
            events.add(tickEvent);
          }
        }
        sample(t);
      }
      for (int m = 0; m < machineCount; m++) {
        if (mState[m] != OFF) {
          bill(m, makespan);
        }
      }
      double cost = 0;
      for (int p = 0; p < poolCount; p++) {
        cost += costByPool[p];
      }
      double[] finish = Arrays.copyOf(eventTime, jobCount);
      byte[] outcome = new byte[jobCount];
      for (int j = 0; j < jobCount; j++) {
        outcome[j] =
            state[j] == DONE ? Run.BUILT : state[j] == FAILED ? Run.FAILED : Run.DEPENDENCY_FAILED;
        if (state[j] == SKIPPED) {
          finish[j] = Double.NaN;
        }
      }
      checkInvariants(finish);
      return new Run(
          makespan,
          cpu,
          cost,
          costByPool,
          machineSeconds,
          built,
          failed,
          skipped,
          start,
          finish,
          outcome,
          machineOf,
          record ? series() : null);
    }

    // ------------------------------------------------------------ jobs

    /** Whether {@code j}'s level is open ({@code levels}: the levels before it have ended). */
    private boolean released(int j) {
      return !levels || jobs.level(j) <= openLevel;
    }

    /** A job of level {@code l} ended (built, failed or skipped): maybe open the next levels. */
    private void ended(int l, double t) {
      levelLeft[l]--;
      if (!levels) {
        return;
      }
      while (openLevel < levelLeft.length && levelLeft[openLevel] == 0) {
        openLevel++;
        if (openLevel < levelLeft.length) {
          for (int p = jobs.levelStart(openLevel); p < jobs.levelEnd(openLevel); p++) {
            int d = jobs.levelJob(p);
            if (state[d] == WAITING && pending[d] == 0) {
              enqueue(d, t);
            }
          }
        }
      }
    }

    private void enqueue(int j, double t) {
      state[j] = QUEUED;
      if (staticKey == null) {
        // FIFO: for t >= 0 the raw bits order like the times.
        key[j] = Double.doubleToLongBits(t);
      }
      int k = jobClass[j];
      queues[k].add(j);
      queuedInClass[k]++;
      queued++;
    }

    private void dispatch(double t) {
      if (scheduler.rustMachineChoice()) {
        dispatchRust(t);
        return;
      }
      while (true) {
        int bestPool = -1;
        int bestLoad = -1;
        long bestRound = 0;
        for (int p = 0; p < poolCount; p++) {
          if (upFree[p] == 0 || bestClass(p) < 0) {
            continue;
          }
          int load = -1;
          for (int l : loadOrder[p]) {
            if (head[loadBase[p] + l] >= 0) {
              load = l;
              break;
            }
          }
          long round = Math.round(load / speed[p]);
          if (bestPool < 0
              || round < bestRound
              || (round == bestRound
                  && (speed[p] > speed[bestPool]
                      || (speed[p] == speed[bestPool] && load > bestLoad)))) {
            bestPool = p;
            bestLoad = load;
            bestRound = round;
          }
        }
        if (bestPool < 0) {
          return;
        }
        int k = bestClass(bestPool);
        int j = queues[k].poll();
        queuedInClass[k]--;
        queued--;
        startJob(j, head[loadBase[bestPool] + bestLoad], t);
      }
    }

    /**
     * Hydra's Rust queue runner: the best runnable job that some machine can take goes to the first
     * free machine of its class by score, then fewer current jobs.
     */
    private void dispatchRust(double t) {
      while (true) {
        int best = -1;
        for (int k = 0; k < classCount; k++) {
          if (queuedInClass[k] > 0
              && hasFreeMachine(k)
              && (best < 0 || queues[k].less(queues[k].peek(), queues[best].peek()))) {
            best = k;
          }
        }
        if (best < 0) {
          return;
        }
        int bestPool = -1;
        int bestLoad = -1;
        for (int p : classPools[best]) {
          if (upFree[p] == 0) {
            continue;
          }
          int load = lowestLoad(p);
          if (bestPool < 0
              || score[p] > score[bestPool]
              || (score[p] == score[bestPool] && load < bestLoad)) {
            bestPool = p;
            bestLoad = load;
          }
        }
        int j = queues[best].poll();
        queuedInClass[best]--;
        queued--;
        startJob(j, head[loadBase[bestPool] + bestLoad], t);
      }
    }

    private boolean hasFreeMachine(int k) {
      for (int p : classPools[k]) {
        if (upFree[p] > 0) {
          return true;
        }
      }
      return false;
    }

    /** The lowest load of a machine of pool {@code p} with a free slot. */
    private int lowestLoad(int p) {
      for (int l = 0; l < slots[p]; l++) {
        if (head[loadBase[p] + l] >= 0) {
          return l;
        }
      }
      throw new IllegalStateException("pool " + p + " has no free machine");
    }

    /** The class whose head job machine pool {@code p} should take, or -1 if none is runnable. */
    private int bestClass(int p) {
      int best = -1;
      for (int k : poolClasses[p]) {
        if (queuedInClass[k] > 0
            && (best < 0 || queues[k].less(queues[k].peek(), queues[best].peek()))) {
          best = k;
        }
      }
      return best;
    }

    private void startJob(int j, int m, double t) {
      int p = machinePool[m];
      int l = mLoad[m];
      if (mState[m] != UP || l >= slots[p]) {
        throw new IllegalStateException("machine " + m + " has no free slot");
      }
      unlink(m, p, l);
      mLoad[m] = l + 1;
      if (l + 1 < slots[p]) {
        link(m, p, l + 1);
      } else {
        upFree[p]--;
      }
      busy++;
      double exec = dur[j] / speed[p];
      if (failing != null && failing[j]) {
        exec *= failedFraction;
      }
      state[j] = RUNNING;
      start[j] = t;
      machineOf[j] = m;
      cpu += exec;
      eventTime[j] = t + exec;
      events.add(j);
    }

    private void complete(int j, double t) {
      int m = machineOf[j];
      int p = machinePool[m];
      int l = mLoad[m];
      if (l == slots[p]) {
        upFree[p]++;
      } else {
        unlink(m, p, l);
      }
      mLoad[m] = l - 1;
      link(m, p, l - 1);
      if (l == 1) {
        mIdleSince[m] = t;
      }
      busy--;
      remaining--;
      makespan = Math.max(makespan, t);
      if (failing != null && failing[j]) {
        state[j] = FAILED;
        failed++;
        skipDependents(j, t);
        ended(jobs.level(j), t);
        return;
      }
      state[j] = DONE;
      built++;
      for (int q = jobs.dependentsStart(j); q < jobs.dependentsEnd(j); q++) {
        int d = jobs.dependent(q);
        if (--pending[d] == 0 && state[d] == WAITING && released(d)) {
          enqueue(d, t);
        }
      }
      ended(jobs.level(j), t);
    }

    private void skipDependents(int j, double t) {
      int top = 0;
      skipStack[top++] = j;
      while (top > 0) {
        int v = skipStack[--top];
        for (int q = jobs.dependentsStart(v); q < jobs.dependentsEnd(v); q++) {
          int d = jobs.dependent(q);
          if (state[d] == WAITING) {
            state[d] = SKIPPED;
            skipped++;
            remaining--;
            skipStack[top++] = d;
            ended(jobs.level(d), t);
          }
        }
      }
    }

    // ------------------------------------------------------------ machines

    private void link(int m, int p, int l) {
      int b = loadBase[p] + l;
      int h = head[b];
      next[m] = h;
      prev[m] = -1;
      if (h >= 0) {
        prev[h] = m;
      }
      head[b] = m;
    }

    private void unlink(int m, int p, int l) {
      int b = loadBase[p] + l;
      if (prev[m] >= 0) {
        next[prev[m]] = next[m];
      } else {
        head[b] = next[m];
      }
      if (next[m] >= 0) {
        prev[next[m]] = prev[m];
      }
    }

    /** Machine {@code m} starts running (billed) and is ready at once. */
    private void up(int m, double t) {
      int p = machinePool[m];
      mState[m] = UP;
      mBillStart[m] = t;
      markReady(m, p, t);
    }

    private void markReady(int m, int p, double t) {
      mState[m] = UP;
      mLoad[m] = 0;
      mIdleSince[m] = t;
      if (slots[p] > 0) {
        // A machine without slots (maxJobs 0) is up and billed but never free.
        link(m, p, 0);
        upFree[p]++;
      }
      upCount[p]++;
      upSlots += slots[p];
    }

    private void booted(int m, double t) {
      int p = machinePool[m];
      bootingCount[p]--;
      markReady(m, p, t);
    }

    private void rescale(double t) {
      for (int p = 0; p < poolCount; p++) {
        Autoscale a = autoscale[p];
        if (a == null || slots[p] == 0) {
          continue;
        }
        long runnable = 0;
        for (int k : poolClasses[p]) {
          runnable += queuedInClass[k];
        }
        int target = a.target(runnable);
        int active = upCount[p] + bootingCount[p];
        while (active < target && offTop[p] > 0) {
          int m = offStack[poolStart[p] + --offTop[p]];
          mState[m] = BOOTING;
          mBillStart[m] = t;
          bootingCount[p]++;
          active++;
          eventTime[jobCount + m] = t + boot[p];
          events.add(jobCount + m);
        }
        int m = head[loadBase[p]];
        while (active > target && m >= 0) {
          int following = next[m];
          if (t - mIdleSince[m] >= a.scaleDownIdleSeconds()) {
            unlink(m, p, 0);
            upFree[p]--;
            upCount[p]--;
            upSlots -= slots[p];
            mState[m] = OFF;
            bill(m, t);
            offStack[poolStart[p] + offTop[p]++] = m;
            active--;
          }
          m = following;
        }
      }
    }

    private void bill(int m, double t) {
      int p = machinePool[m];
      double ran = t - mBillStart[m];
      machineSeconds[p] += ran;
      if (jobCount > 0) {
        costByPool[p] += billing[p].billedSeconds(ran) / 3600.0 * price[p];
      }
    }

    // ------------------------------------------------------------ series and checks

    private void advance(double t) {
      busyIntegral += busy * (t - lastTime);
      lastTime = t;
    }

    private void sample(double t) {
      if (!record) {
        return;
      }
      if (recCount > 0 && recTime[recCount - 1] == t) {
        recCount--;
      }
      if (recCount == recTime.length) {
        int n = recCount * 2;
        recTime = Arrays.copyOf(recTime, n);
        recBusy = Arrays.copyOf(recBusy, n);
        recSlots = Arrays.copyOf(recSlots, n);
        recQueued = Arrays.copyOf(recQueued, n);
      }
      recTime[recCount] = t;
      recBusy[recCount] = busy;
      recSlots[recCount] = upSlots;
      recQueued[recCount] = queued;
      recCount++;
    }

    private Run.Series series() {
      int bins = seriesPoints;
      double width = makespan > 0 ? makespan / bins : 0;
      double[] busyInt = new double[bins];
      double[] slotInt = new double[bins];
      double[] queueInt = new double[bins];
      if (width > 0) {
        for (int r = 0; r < recCount; r++) {
          double from = recTime[r];
          double to = r + 1 < recCount ? recTime[r + 1] : makespan;
          int b = Math.min(bins - 1, (int) (from / width));
          while (from < to && b < bins) {
            double binEnd = b == bins - 1 ? makespan : (b + 1) * width;
            double piece = Math.min(to, binEnd) - from;
            if (piece > 0) {
              busyInt[b] += recBusy[r] * piece;
              slotInt[b] += recSlots[r] * piece;
              queueInt[b] += recQueued[r] * piece;
            }
            from = Math.min(to, binEnd);
            b++;
          }
        }
      }
      double[] busyAvg = new double[bins];
      double[] slotAvg = new double[bins];
      double[] util = new double[bins];
      double[] queueAvg = new double[bins];
      for (int b = 0; b < bins; b++) {
        double w = b == bins - 1 ? makespan - b * width : width;
        if (w > 0) {
          busyAvg[b] = busyInt[b] / w;
          slotAvg[b] = slotInt[b] / w;
          queueAvg[b] = queueInt[b] / w;
        }
        util[b] = slotInt[b] > 0 ? busyInt[b] / slotInt[b] : 0;
      }
      return new Run.Series(width, busyAvg, slotAvg, util, queueAvg);
    }

    private void checkInvariants(double[] finish) {
      if (built + failed + skipped != jobCount) {
        throw new IllegalStateException("not every job was built, failed or skipped");
      }
      double[] levelEnd = new double[jobs.levelCount()];
      for (int j = 0; j < jobCount; j++) {
        if (state[j] != SKIPPED) {
          levelEnd[jobs.level(j)] = Math.max(levelEnd[jobs.level(j)], finish[j]);
        }
      }
      for (int j = 0; j < jobCount; j++) {
        if (state[j] == SKIPPED) {
          continue;
        }
        if (levels && jobs.level(j) > 0 && levelEnd[jobs.level(j) - 1] > start[j]) {
          throw new IllegalStateException(
              "job " + j + " started before level " + (jobs.level(j) - 1) + " ended");
        }
        for (int q = jobs.inputsStart(j); q < jobs.inputsEnd(j); q++) {
          int i = jobs.input(q);
          if (state[i] != DONE || finish[i] > start[j]) {
            throw new IllegalStateException(
                "job " + j + " started before input " + i + " was built");
          }
        }
      }
      for (int m = 0; m < machineCount; m++) {
        if (mLoad[m] != 0) {
          throw new IllegalStateException("machine " + m + " still holds jobs");
        }
      }
      if (busy != 0 || Math.abs(busyIntegral - cpu) > 1e-6 * Math.max(1, cpu)) {
        throw new IllegalStateException(
            "work not conserved: busy slot-seconds " + busyIntegral + " vs CPU-seconds " + cpu);
      }
    }
  }
}
