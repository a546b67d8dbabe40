package dev.preflight.cost;

import dev.preflight.graph.InputException;
import dev.preflight.graph.Names;
import dev.preflight.settings.CurrencyCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What-if edits of a cluster from the command line, so that a capacity planner compares prices and
 * autoscaling limits without editing the cluster file: {@code --price POOL=AMOUNT[/h]} (the price
 * of one machine-hour of that pool, in the cluster's currency), {@code --autoscale POOL=MIN..MAX}
 * (the pool scales between MIN and MAX machines by the queue, keeping its rule's other fields or
 * hydra-provisioner's defaults: 2000 runnable builds per machine, no idle delay) or {@code
 * --autoscale POOL=N} (N fixed machines), and {@code --currency CODE}. On a one-pool cluster the
 * {@code POOL=} may be left out. Each edit names a pool once; an unknown pool is an error listing
 * the cluster's pools.
 */
public final class ClusterWhatIf {
  private static final Pattern PRICE = Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)(?:/h)?");
  private static final Pattern RANGE = Pattern.compile("(\\d+)(?:\\.\\.(\\d+))?");

  private ClusterWhatIf() {}

  /**
   * {@code cluster} with the edits applied; the name says which ({@code hydra-like (--price
   * darwin=0.5/h)}).
   *
   * @param prices {@code --price} values
   * @param autoscale {@code --autoscale} values
   * @param currency {@code --currency}, or null to keep the cluster's
   * @throws InputException for a malformed value, an unknown or repeated pool, or a bad range
   */
  public static Cluster apply(
      Cluster cluster, List<String> prices, List<String> autoscale, String currency) {
    if (prices.isEmpty() && autoscale.isEmpty() && currency == null) {
      return cluster;
    }
    List<Pool> pools = new ArrayList<>(cluster.pools());
    List<String> said = new ArrayList<>();
    for (Map.Entry<Integer, String> e : byPool(cluster, prices, "--price").entrySet()) {
      Matcher m = PRICE.matcher(e.getValue());
      if (!m.matches()) {
        throw InputException.of(
            "--price '"
                + e.getValue()
                + "' is not a price per machine-hour (examples: --price 0.34, --price"
                + " x86_64-linux=2.18/h)");
      }
      Pool p = pools.get(e.getKey());
      pools.set(e.getKey(), withPrice(p, Double.parseDouble(m.group(1))));
      said.add("--price " + p.name() + "=" + m.group(1) + "/h");
    }
    for (Map.Entry<Integer, String> e : byPool(cluster, autoscale, "--autoscale").entrySet()) {
      Matcher m = RANGE.matcher(e.getValue());
      if (!m.matches()) {
        throw InputException.of(
            "--autoscale '"
                + e.getValue()
                + "' is not MIN..MAX or a fixed count N (examples: --autoscale 4..40,"
                + " --autoscale x86_64-linux=4..80, --autoscale darwin=6)");
      }
      Pool p = pools.get(e.getKey());
      int min = parseCount(m.group(1), e.getValue());
      int max = m.group(2) == null ? min : parseCount(m.group(2), e.getValue());
      if (min > max) {
        throw InputException.of(
            "--autoscale " + p.name() + "=" + e.getValue() + ": MIN must not exceed MAX");
      }
      if (max < 1) {
        throw InputException.of(
            "--autoscale " + p.name() + "=" + e.getValue() + ": the pool needs a machine");
      }
      pools.set(e.getKey(), m.group(2) == null ? fixed(p, min) : scaling(p, min, max));
      said.add("--autoscale " + p.name() + "=" + e.getValue());
    }
    String code = cluster.currency();
    boolean assumed = cluster.currencyAssumed();
    if (currency != null) {
      try {
        code = CurrencyCode.check(currency);
      } catch (IllegalArgumentException ex) {
        throw InputException.of("--currency: " + ex.getMessage());
      }
      assumed = false;
      said.add("--currency " + code);
    }
    try {
      return new Cluster(
          cluster.name() + " (" + String.join(", ", said) + ")", pools, code, assumed);
    } catch (IllegalArgumentException ex) {
      throw InputException.of(String.join(", ", said) + ": " + ex.getMessage());
    }
  }

  /** Each value's pool index; {@code POOL=} may be left out on a one-pool cluster only. */
  private static Map<Integer, String> byPool(Cluster c, List<String> values, String option) {
    Map<Integer, String> out = new LinkedHashMap<>();
    List<String> names = c.pools().stream().map(Pool::name).toList();
    for (String v : values) {
      String value = v.strip();
      int eq = value.lastIndexOf('=');
      int pool;
      if (eq < 0) {
        if (names.size() != 1) {
          throw InputException.of(
              option
                  + " '"
                  + value
                  + "' must name its pool on a cluster of "
                  + names.size()
                  + " pools: "
                  + option
                  + " POOL="
                  + value
                  + " (pools: "
                  + String.join(", ", names)
                  + ")");
        }
        pool = 0;
      } else {
        String name = value.substring(0, eq).strip();
        pool = names.indexOf(name);
        if (pool < 0) {
          throw Names.unknown("pool in " + option, name, names);
        }
        value = value.substring(eq + 1).strip();
      }
      if (out.put(pool, value) != null) {
        throw InputException.of(option + " names pool '" + names.get(pool) + "' twice");
      }
    }
    return out;
  }

  private static int parseCount(String digits, String value) {
    try {
      int n = Integer.parseInt(digits);
      if (n > Cluster.MAX_MACHINES) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw InputException.of(
          String.format(
              "--autoscale '%s': machine counts must be at most %,d", value, Cluster.MAX_MACHINES));
    }
  }

  private static Pool withPrice(Pool p, double price) {
    return new Pool(
        p.name(),
        p.count(),
        p.systems(),
        p.maxJobs(),
        p.speedFactor(),
        p.features(),
        p.mandatoryFeatures(),
        price,
        p.bootSeconds(),
        p.billing(),
        p.autoscale());
  }

  private static Pool fixed(Pool p, int count) {
    return with(p, count, null);
  }

  /** Starts at the pool's count kept within {@code [min, max]}, as a cluster file's default. */
  private static Pool scaling(Pool p, int min, int max) {
    Autoscale old = p.autoscale();
    Autoscale a =
        new Autoscale(
            min,
            max,
            old == null ? ClusterFormat.DEFAULT_RUNNABLE_PER_MACHINE : old.runnablePerMachine(),
            old == null ? 0 : old.scaleDownIdleSeconds());
    return with(p, Math.max(min, Math.min(max, old == null ? min : p.count())), a);
  }

  private static Pool with(Pool p, int count, Autoscale a) {
    return new Pool(
        p.name(),
        count,
        p.systems(),
        p.maxJobs(),
        p.speedFactor(),
        p.features(),
        p.mandatoryFeatures(),
        p.pricePerHour(),
        p.bootSeconds(),
        p.billing(),
        a);
  }
}
