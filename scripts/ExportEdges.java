// Writes a Preflight graph as a TSV pair (X.nodes.tsv + X.edges.tsv), for scripts/bfs_baseline.py.
// Run with the built jar's classes (single-file source launch, JDK 11+):
//   java --add-opens=java.base/java.nio=ALL-UNNAMED -cp "cli/target/preflight.jar:cli/target/lib/*" \
//     scripts/ExportEdges.java fixtures/debian-bookworm-amd64.arrow /tmp/bookworm.edges.tsv
import dev.preflight.graph.PackageGraph;
import dev.preflight.graph.Progress;
import dev.preflight.graph.io.GraphFormat;
import dev.preflight.graph.io.TsvGraphFormat;
import java.nio.file.Path;

final class ExportEdges {
  public static void main(String[] args) {
    System.setProperty("io.netty.tryReflectionSetAccessible", "true");
    PackageGraph g = GraphFormat.load(Path.of(args[0]), null, Progress.NONE);
    TsvGraphFormat.write(g, Path.of(args[1]));
  }
}
