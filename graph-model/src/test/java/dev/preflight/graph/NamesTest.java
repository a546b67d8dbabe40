package dev.preflight.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class NamesTest {
  private static final List<String> POLICIES = List.of("transitive", "direct", "local", "cutoff");

  @Test
  void closest_findsSlipsTranspositionsAndPrefixes() {
    assertEquals(Optional.of("transitive"), Names.closest("transitve", POLICIES));
    assertEquals(Optional.of("transitive"), Names.closest("transitiv", POLICIES));
    assertEquals(Optional.of("cutoff"), Names.closest("CUTOF", POLICIES));
    assertEquals(Optional.of("table"), Names.closest("tabel", List.of("table", "json", "csv")));
    assertEquals(Optional.of("json"), Names.closest("jsn", List.of("table", "json", "csv")));
    assertEquals(Optional.of("machines"), Names.closest("machine", List.of("json", "machines")));
    assertEquals(Optional.of("nix-dot"), Names.closest("dot", List.of("json", "nix-dot")));
  }

  @Test
  void closest_offersNothingForAnUnrelatedWord() {
    assertEquals(Optional.empty(), Names.closest("xml", List.of("table", "json", "csv", "html")));
    assertEquals(Optional.empty(), Names.closest("flink", List.of("spark", "local")));
    assertEquals(Optional.empty(), Names.closest("", POLICIES));
  }

  @Test
  void unknown_namesTheWordTheSuggestionAndEveryKnownName() {
    assertEquals(
        "unknown policy 'transitve': did you mean 'transitive'? (known: transitive, direct,"
            + " local, cutoff)",
        Names.unknown("policy", "transitve", POLICIES).getMessage());
    assertEquals(
        "unknown --engine 'flink' (known: spark, local)",
        Names.unknownMessage("--engine", "flink", List.of("spark", "local")));
  }

  @Test
  void distance_countsATranspositionAsOneEdit() {
    assertEquals(1, Names.distance("ab", "ba"));
    assertEquals(3, Names.distance("kitten", "sitting"));
    assertEquals(0, Names.distance("", ""));
  }
}
