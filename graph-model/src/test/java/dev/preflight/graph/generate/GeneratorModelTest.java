package dev.preflight.graph.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.ContentHash;
import dev.preflight.graph.InputException;
import dev.preflight.graph.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generator's model as data: the bundled defaults, and what a bad model file says. */
final class GeneratorModelTest {

  /**
   * Moving the model's literals into {@code nixpkgs-model.properties} changed no graph: content
   * hashes recorded with the generator before the move (the literals in code).
   */
  @Test
  void bundledDefaults_generateTheGraphsOfBeforeTheMove() {
    assertEquals(
        "a6c20bd8dfe04415", hash(new GeneratorSpec(40_000, 1, GeneratorSpec.DEFAULT_SYSTEMS)));
    assertEquals("989eb28662473b26", hash(new GeneratorSpec(5_000, 3, List.of("x86_64-linux"))));
  }

  private static String hash(GeneratorSpec spec) {
    return ContentHash.hex(NixpkgsGenerator.generate(spec, Progress.NONE).contentHash());
  }

  @Test
  void parse_bundledText_isTheDefaults() throws IOException {
    GeneratorModel m = GeneratorModel.parse(bundled(), "m");
    assertEquals(GeneratorModel.defaults().darwinShare, m.darwinShare);
    assertEquals(0.92, m.buildSystemUpTo[3]);
    assertEquals(0.19, m.applicationPerlUpTo);
  }

  @Test
  void parse_badModels_nameTheFileAndKey() throws IOException {
    String text = bundled();
    assertBad(
        text.replace("share.python = 0.12", "share.python = 1.2"),
        "m:key 'share.python': must be in [0, 1], got 1.2");
    assertBad(
        text.replace("share.python = 0.12", "share.python = 0.9"),
        "m:key 'share.*': the shares sum to");
    assertBad(
        text.replace("core.core.mean = 1.5", "core.core.mean = -1"), "m:key 'core.core.mean'");
    assertBad(
        text.replace("channel.smallSeeds = 300", "channel.smallSeeds = 2.5"), "m:key 'channel");
    assertBad(text.replace("status.unknown = 0.02", ""), "m:key 'status.unknown': missing");
    assertBad(text + "\nstatus.unknwn = 0.1\n", "m:key 'status.unknwn': unknown key");
    assertBad(text.replace("size.sigma = 0.6", "size.sigma = lots"), "m:key 'size.sigma': not a");
  }

  private static void assertBad(String text, String start) {
    InputException e = assertThrows(InputException.class, () -> GeneratorModel.parse(text, "m"));
    assertTrue(e.getMessage().startsWith(start), e.getMessage());
  }

  private static String bundled() throws IOException {
    try (InputStream in = GeneratorModel.class.getResourceAsStream(GeneratorModel.RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
