package dev.preflight.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.preflight.settings.Settings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The slice task of {@code preflight batch}: one {@link RowEvaluator} per graph the slice's rows
 * name, each row answered in order. The settings travel as their JSON text (the settings records
 * are not serialisable, and JSON is their documented form) and are bound again on the executor.
 */
final class ChangeTask implements SliceTask<BatchRow, BatchResult> {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String settingsJson;
  private transient Settings settings;

  ChangeTask(Settings settings) {
    try {
      this.settingsJson = MAPPER.writeValueAsString(settings);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("settings do not render as JSON", e);
    }
    this.settings = settings;
  }

  /** The settings, bound again from their JSON after a trip through Spark. */
  Settings settings() {
    if (settings == null) {
      settings = Settings.withOverrides(settingsJson);
    }
    return settings;
  }

  @Override
  public List<BatchResult> run(List<BatchRow> slice, GraphSource graphs) {
    Map<String, RowEvaluator> evaluators = new HashMap<>();
    List<BatchResult> out = new ArrayList<>(slice.size());
    for (BatchRow row : slice) {
      RowEvaluator e =
          evaluators.computeIfAbsent(
              row.graph(), label -> new RowEvaluator(graphs.graph(label), settings()));
      out.add(e.evaluate(row));
    }
    return out;
  }
}
