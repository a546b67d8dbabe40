package dev.preflight.cost;

import java.util.Arrays;

/** The state of one run of a {@link Simulator}. */
final class Execution {
  private static final byte WAITING = 0;
  private static final byte QUEUED = 1;
  private static final byte RUNNING = 2;
  private static final byte DONE = 3;
  private static final byte FAILED = 4;
  private static final byte SKIPPED = 5;

  private static final byte OFF = 0;
  private static final byte BOOTING = 1;
  private static final byte UP = 2;

  private final Simulator sim;
  private final double[] dur;
  private final boolean[] failing;
  private final SeriesRecorder recorder;

  private final byte[] state;
  private final int[] pending;
  private final double[] start;
  private final int[] machineOf;
  private final double[] eventTime;
  private final EventQueue events;
  private final long[] key;
  private final RunQueue[] queues;
  private final int[] queuedInClass;
  private final int[] levelLeft;
  private int openLevel;

  private final byte[] mState;
  private final int[] mLoad;
  private final double[] mIdleSince;
  private final double[] mBillStart;
  private final LoadBuckets buckets;
  private final int[] upFree;
  private final int[] upCount;
  private final int[] bootingCount;
  private final int[] peakRunning;
  private int running;
  private int peakTotal;
  private final int[] offStack;
  private final int[] offTop;
  private final double[] costByPool;
  private final double[] machineSeconds;

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

  Execution(Simulator sim, double[] durations, boolean[] failing, boolean record) {
    this.sim = sim;
    this.dur = durations;
    this.failing = failing;
    this.recorder = record ? new SeriesRecorder() : null;
    int jobCount = sim.jobCount;
    int machineCount = sim.machineCount;
    int poolCount = sim.poolCount;
    this.state = new byte[jobCount];
    this.pending = sim.inputCount.clone();
    this.start = new double[jobCount];
    this.machineOf = new int[jobCount];
    this.queues = new RunQueue[sim.classCount];
    this.queuedInClass = new int[sim.classCount];
    this.mState = new byte[machineCount];
    this.mLoad = new int[machineCount];
    this.mIdleSince = new double[machineCount];
    this.mBillStart = new double[machineCount];
    this.buckets = new LoadBuckets(sim.loadBase, sim.bucketCount, machineCount);
    this.upFree = new int[poolCount];
    this.upCount = new int[poolCount];
    this.bootingCount = new int[poolCount];
    this.peakRunning = new int[poolCount];
    this.offStack = new int[machineCount];
    this.offTop = new int[poolCount];
    this.costByPool = new double[poolCount];
    this.machineSeconds = new double[poolCount];
    this.tickEvent = jobCount + machineCount;
    this.eventTime = new double[tickEvent + 1];
    this.events = new EventQueue(eventTime, 64);
    this.key = sim.staticKey != null ? sim.staticKey : new long[jobCount];
    int[] perClass = new int[sim.classCount];
    for (int j = 0; j < jobCount; j++) {
      perClass[sim.jobClass[j]]++;
    }
    for (int k = 0; k < sim.classCount; k++) {
      queues[k] = new RunQueue(key, sim.tie, perClass[k]);
    }
    this.skipStack = failing == null ? null : new int[jobCount];
    Arrays.fill(start, Double.NaN);
    Arrays.fill(machineOf, -1);
    this.levelLeft = new int[sim.jobs.levelCount()];
    for (int l = 0; l < levelLeft.length; l++) {
      levelLeft[l] = sim.jobs.levelEnd(l) - sim.jobs.levelStart(l);
    }
  }

  Run execute() {
    remaining = sim.jobCount;
    for (int p = 0; p < sim.poolCount; p++) {
      for (int m = sim.poolStart[p + 1] - 1; m >= sim.poolStart[p] + sim.initial[p]; m--) {
        offStack[sim.poolStart[p] + offTop[p]++] = m;
      }
      for (int m = sim.poolStart[p]; m < sim.poolStart[p] + sim.initial[p]; m++) {
        up(m, 0);
      }
    }
    for (int j = 0; j < sim.jobCount; j++) {
      if (pending[j] == 0 && released(j)) {
        enqueue(j, 0);
      }
    }
    if (sim.autoscaling && remaining > 0) {
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
        if (e < sim.jobCount) {
          complete(e, t);
        } else if (e < tickEvent) {
          booted(e - sim.jobCount, t);
        } else {
          tick = true;
        }
      }
      if (remaining > 0) {
        dispatch(t);
        if (tick) {
          rescale(t);
          eventTime[tickEvent] = t + sim.interval;
          events.add(tickEvent);
        }
      }
      sample(t);
    }
    for (int m = 0; m < sim.machineCount; m++) {
      if (mState[m] != OFF) {
        bill(m, makespan);
      }
    }
    double cost = 0;
    for (int p = 0; p < sim.poolCount; p++) {
      cost += costByPool[p];
    }
    double[] finish = Arrays.copyOf(eventTime, sim.jobCount);
    byte[] outcome = new byte[sim.jobCount];
    for (int j = 0; j < sim.jobCount; j++) {
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
        peakRunning,
        peakTotal,
        built,
        failed,
        skipped,
        start,
        finish,
        outcome,
        machineOf,
        recorder == null ? null : recorder.series(makespan, sim.seriesPoints));
  }

  // ------------------------------------------------------------ jobs

  /** Whether {@code j}'s level is open ({@code levels}: the levels before it have ended). */
  private boolean released(int j) {
    return !sim.levels || sim.jobs.level(j) <= openLevel;
  }

  /** A job of level {@code l} ended (built, failed or skipped): maybe open the next levels. */
  private void ended(int l, double t) {
    levelLeft[l]--;
    if (!sim.levels) {
      return;
    }
    while (openLevel < levelLeft.length && levelLeft[openLevel] == 0) {
      openLevel++;
      if (openLevel < levelLeft.length) {
        for (int p = sim.jobs.levelStart(openLevel); p < sim.jobs.levelEnd(openLevel); p++) {
          int d = sim.jobs.levelJob(p);
          if (state[d] == WAITING && pending[d] == 0) {
            enqueue(d, t);
          }
        }
      }
    }
  }

  private void enqueue(int j, double t) {
    state[j] = QUEUED;
    if (sim.staticKey == null) {
      // FIFO: for t >= 0 the raw bits order like the times.
      key[j] = Double.doubleToLongBits(t);
    }
    int k = sim.jobClass[j];
    queues[k].add(j);
    queuedInClass[k]++;
    queued++;
  }

  private void dispatch(double t) {
    if (sim.scheduler.rustMachineChoice()) {
      dispatchRust(t);
      return;
    }
    while (true) {
      int bestPool = -1;
      int bestLoad = -1;
      long bestRound = 0;
      for (int p = 0; p < sim.poolCount; p++) {
        if (upFree[p] == 0 || bestClass(p) < 0) {
          continue;
        }
        int load = -1;
        for (int l : sim.loadOrder[p]) {
          if (buckets.first(p, l) >= 0) {
            load = l;
            break;
          }
        }
        long round = Math.round(load / sim.speed[p]);
        if (bestPool < 0
            || round < bestRound
            || (round == bestRound
                && (sim.speed[p] > sim.speed[bestPool]
                    || (sim.speed[p] == sim.speed[bestPool] && load > bestLoad)))) {
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
      startJob(j, buckets.first(bestPool, bestLoad), t);
    }
  }

  /**
   * Hydra's Rust queue runner: the best runnable job that some machine can take goes to the first
   * free machine of its class by score, then fewer current jobs.
   */
  private void dispatchRust(double t) {
    while (true) {
      int best = -1;
      for (int k = 0; k < sim.classCount; k++) {
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
      for (int p : sim.classPools[best]) {
        if (upFree[p] == 0) {
          continue;
        }
        int load = lowestLoad(p);
        if (bestPool < 0
            || sim.score[p] > sim.score[bestPool]
            || (sim.score[p] == sim.score[bestPool] && load < bestLoad)) {
          bestPool = p;
          bestLoad = load;
        }
      }
      int j = queues[best].poll();
      queuedInClass[best]--;
      queued--;
      startJob(j, buckets.first(bestPool, bestLoad), t);
    }
  }

  private boolean hasFreeMachine(int k) {
    for (int p : sim.classPools[k]) {
      if (upFree[p] > 0) {
        return true;
      }
    }
    return false;
  }

  /** The lowest load of a machine of pool {@code p} with a free slot. */
  private int lowestLoad(int p) {
    for (int l = 0; l < sim.slots[p]; l++) {
      if (buckets.first(p, l) >= 0) {
        return l;
      }
    }
    throw new IllegalStateException("pool " + p + " has no free machine");
  }

  /** The class whose head job machine pool {@code p} should take, or -1 if none is runnable. */
  private int bestClass(int p) {
    int best = -1;
    for (int k : sim.poolClasses[p]) {
      if (queuedInClass[k] > 0
          && (best < 0 || queues[k].less(queues[k].peek(), queues[best].peek()))) {
        best = k;
      }
    }
    return best;
  }

  private void startJob(int j, int m, double t) {
    int p = sim.machinePool[m];
    int l = mLoad[m];
    if (mState[m] != UP || l >= sim.slots[p]) {
      throw new IllegalStateException("machine " + m + " has no free slot");
    }
    buckets.unlink(m, p, l);
    mLoad[m] = l + 1;
    if (l + 1 < sim.slots[p]) {
      buckets.link(m, p, l + 1);
    } else {
      upFree[p]--;
    }
    busy++;
    double exec = dur[j] / sim.speed[p];
    if (failing != null && failing[j]) {
      exec *= sim.failedFraction;
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
    int p = sim.machinePool[m];
    int l = mLoad[m];
    if (l == sim.slots[p]) {
      upFree[p]++;
    } else {
      buckets.unlink(m, p, l);
    }
    mLoad[m] = l - 1;
    buckets.link(m, p, l - 1);
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
      ended(sim.jobs.level(j), t);
      return;
    }
    state[j] = DONE;
    built++;
    for (int q = sim.jobs.dependentsStart(j); q < sim.jobs.dependentsEnd(j); q++) {
      int d = sim.jobs.dependent(q);
      if (--pending[d] == 0 && state[d] == WAITING && released(d)) {
        enqueue(d, t);
      }
    }
    ended(sim.jobs.level(j), t);
  }

  private void skipDependents(int j, double t) {
    int top = 0;
    skipStack[top++] = j;
    while (top > 0) {
      int v = skipStack[--top];
      for (int q = sim.jobs.dependentsStart(v); q < sim.jobs.dependentsEnd(v); q++) {
        int d = sim.jobs.dependent(q);
        if (state[d] == WAITING) {
          state[d] = SKIPPED;
          skipped++;
          remaining--;
          skipStack[top++] = d;
          ended(sim.jobs.level(d), t);
        }
      }
    }
  }

  // ------------------------------------------------------------ machines

  /** Machine {@code m} starts running (billed) and is ready at once. */
  private void up(int m, double t) {
    int p = sim.machinePool[m];
    mState[m] = UP;
    mBillStart[m] = t;
    markReady(m, p, t);
    started(p);
  }

  /** A machine of pool {@code p} started (booting or up): keeps the peaks of running machines. */
  private void started(int p) {
    running++;
    peakTotal = Math.max(peakTotal, running);
    peakRunning[p] = Math.max(peakRunning[p], upCount[p] + bootingCount[p]);
  }

  private void markReady(int m, int p, double t) {
    mState[m] = UP;
    mLoad[m] = 0;
    mIdleSince[m] = t;
    if (sim.slots[p] > 0) {
      // A machine without slots (maxJobs 0) is up and billed but never free.
      buckets.link(m, p, 0);
      upFree[p]++;
    }
    upCount[p]++;
    upSlots += sim.slots[p];
  }

  private void booted(int m, double t) {
    int p = sim.machinePool[m];
    bootingCount[p]--;
    markReady(m, p, t);
  }

  private void rescale(double t) {
    for (int p = 0; p < sim.poolCount; p++) {
      Autoscale a = sim.autoscale[p];
      if (a == null || sim.slots[p] == 0) {
        continue;
      }
      long runnable = 0;
      for (int k : sim.poolClasses[p]) {
        runnable += queuedInClass[k];
      }
      int target = a.target(runnable);
      int active = upCount[p] + bootingCount[p];
      while (active < target && offTop[p] > 0) {
        int m = offStack[sim.poolStart[p] + --offTop[p]];
        mState[m] = BOOTING;
        mBillStart[m] = t;
        bootingCount[p]++;
        started(p);
        active++;
        eventTime[sim.jobCount + m] = t + sim.boot[p];
        events.add(sim.jobCount + m);
      }
      int m = buckets.first(p, 0);
      while (active > target && m >= 0) {
        int following = buckets.next(m);
        if (t - mIdleSince[m] >= a.scaleDownIdleSeconds()) {
          buckets.unlink(m, p, 0);
          upFree[p]--;
          upCount[p]--;
          running--;
          upSlots -= sim.slots[p];
          mState[m] = OFF;
          bill(m, t);
          offStack[sim.poolStart[p] + offTop[p]++] = m;
          active--;
        }
        m = following;
      }
    }
  }

  private void bill(int m, double t) {
    int p = sim.machinePool[m];
    double ran = t - mBillStart[m];
    machineSeconds[p] += ran;
    if (sim.jobCount > 0) {
      costByPool[p] += sim.billing[p].billedSeconds(ran) / 3600.0 * sim.price[p];
    }
  }

  // ------------------------------------------------------------ series and checks

  private void advance(double t) {
    busyIntegral += busy * (t - lastTime);
    lastTime = t;
  }

  private void sample(double t) {
    if (recorder != null) {
      recorder.record(t, busy, upSlots, queued);
    }
  }

  private void checkInvariants(double[] finish) {
    if (built + failed + skipped != sim.jobCount) {
      throw new IllegalStateException("not every job was built, failed or skipped");
    }
    double[] levelEnd = new double[sim.jobs.levelCount()];
    for (int j = 0; j < sim.jobCount; j++) {
      if (state[j] != SKIPPED) {
        levelEnd[sim.jobs.level(j)] = Math.max(levelEnd[sim.jobs.level(j)], finish[j]);
      }
    }
    for (int j = 0; j < sim.jobCount; j++) {
      if (state[j] == SKIPPED) {
        continue;
      }
      if (sim.levels && sim.jobs.level(j) > 0 && levelEnd[sim.jobs.level(j) - 1] > start[j]) {
        throw new IllegalStateException(
            "job " + j + " started before level " + (sim.jobs.level(j) - 1) + " ended");
      }
      for (int q = sim.jobs.inputsStart(j); q < sim.jobs.inputsEnd(j); q++) {
        int i = sim.jobs.input(q);
        if (state[i] != DONE || finish[i] > start[j]) {
          throw new IllegalStateException("job " + j + " started before input " + i + " was built");
        }
      }
    }
    for (int p = 0; p < sim.poolCount; p++) {
      int most = sim.poolStart[p + 1] - sim.poolStart[p];
      if (peakRunning[p] > most
          || machineSeconds[p] > peakRunning[p] * makespan + 1e-6 * Math.max(1, makespan)) {
        throw new IllegalStateException(
            "pool " + p + " ran more machines than its peak " + peakRunning[p] + " or maximum");
      }
    }
    for (int m = 0; m < sim.machineCount; m++) {
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
