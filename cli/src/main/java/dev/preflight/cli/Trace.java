package dev.preflight.cli;

import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Wall-clock phases of one run on stderr, to see where a short command's time goes: {@code
 * JAVA_OPTS=-Dpreflight.trace=true ./preflight impact --change zlib} prints, per phase, its
 * wall-clock milliseconds, the process's CPU milliseconds (all threads: on a loaded machine the
 * fairer figure), the main thread's CPU milliseconds (the graph is read on a second thread
 * meanwhile, {@link GraphPrefetch}) and the classes loaded during it; the first line is the JVM's
 * own start (until {@code main}). Off by default, and then a mark costs one static boolean read.
 */
final class Trace {
  private static final boolean ON = Boolean.getBoolean("preflight.trace");
  private static long last = -1;
  private static long classes;
  private static long cpu;
  private static long mainCpu;

  private Trace() {}

  /** Records the end of phase {@code name}. */
  static void mark(String name) {
    if (!ON) {
      return;
    }
    long now = System.nanoTime();
    if (last < 0) {
      ClassLoadingMXBean cl = ManagementFactory.getClassLoadingMXBean();
      long uptimeMs = ManagementFactory.getRuntimeMXBean().getUptime();
      long beanNanos = System.nanoTime() - now;
      last = System.nanoTime();
      classes = cl.getTotalLoadedClassCount();
      cpu = processCpuNanos();
      mainCpu = threadCpuNanos();
      line("jvm start to " + name, uptimeMs - beanNanos / 1_000_000L, cpu, mainCpu, classes);
      return;
    }
    long loaded = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
    long cpuNow = processCpuNanos();
    long mainNow = threadCpuNanos();
    line(name, (now - last) / 1_000_000L, cpuNow - cpu, mainNow - mainCpu, loaded - classes);
    classes = loaded;
    cpu = cpuNow;
    mainCpu = mainNow;
    last = System.nanoTime();
  }

  /**
   * Records work done on another thread since {@code startNanos}: its wall time and that thread's
   * CPU time.
   */
  static void aside(String name, long startNanos) {
    if (ON) {
      System.err.printf(
          Locale.ROOT,
          "preflight: trace %-24s %6d ms wall %6d ms cpu (its own thread)%n",
          name,
          (System.nanoTime() - startNanos) / 1_000_000L,
          threadCpuNanos() / 1_000_000L);
    }
  }

  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : -1;
  }

  private static long threadCpuNanos() {
    return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  private static void line(
      String name, long millis, long cpuNanos, long mainCpuNanos, long classes) {
    System.err.printf(
        Locale.ROOT,
        "preflight: trace %-24s %6d ms wall %6d ms cpu %6d ms main %6d classes%n",
        name,
        millis,
        cpuNanos / 1_000_000L,
        mainCpuNanos / 1_000_000L,
        classes);
  }
}
