package dev.preflight.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.preflight.graph.InputException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Bind, token and CORS rules. */
final class ServerSecurityTest {
  @Test
  void nonLoopbackBindWithoutToken_refusedAtStart() {
    InputException e =
        assertThrows(InputException.class, () -> PreflightServer.checkBind("0.0.0.0", null));
    assertTrue(e.getMessage().contains("--token-file"), e.getMessage());
    PreflightServer.checkBind("0.0.0.0", "secret"); // with a token it may
    PreflightServer.checkBind("127.0.0.1", null);
    PreflightServer.checkBind("localhost", null);
    PreflightServer.checkBind("::1", null);
    assertThrows(InputException.class, () -> TestServer.start(b -> b.host = "0.0.0.0").close());
  }

  @Test
  void token_wrongOrMissingIs401_rightIs200_probesOpen() {
    try (TestServer t = TestServer.start(b -> b.token = "s3cret-token")) {
      assertEquals(200, t.get("/v1/graphs").statusCode());
      assertEquals(200, t.get("/metrics").statusCode());
      t.token = "s3cret-tokem";
      HttpResponse<String> wrong = t.get("/v1/impact?change=zlib");
      ServerContractTest.errorOf(wrong, "wrong token", 401, null);
      assertEquals("Bearer", wrong.headers().firstValue("WWW-Authenticate").orElse(""));
      assertEquals(401, t.get("/metrics").statusCode());
      t.token = null;
      assertEquals(401, t.get("/v1/graphs").statusCode());
      assertEquals(200, t.get("/healthz").statusCode());
      assertEquals(200, t.get("/readyz").statusCode());
    }
  }

  @Test
  void cors_onlyForTheConfiguredOrigin() {
    try (TestServer t = TestServer.start(b -> b.cors = "https://dash.example.org")) {
      HttpResponse<String> ok =
          t.send(
              HttpRequest.newBuilder(t.uri("/v1/graphs"))
                  .header("Origin", "https://dash.example.org")
                  .GET());
      assertEquals(
          "https://dash.example.org",
          ok.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
      HttpResponse<String> other =
          t.send(
              HttpRequest.newBuilder(t.uri("/v1/graphs"))
                  .header("Origin", "https://evil.example.org")
                  .GET());
      assertTrue(other.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
      HttpResponse<String> preflight =
          t.send(
              HttpRequest.newBuilder(t.uri("/v1/impact"))
                  .header("Origin", "https://dash.example.org")
                  .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
      assertEquals(204, preflight.statusCode(), preflight.body());
      assertTrue(
          preflight
              .headers()
              .firstValue("Access-Control-Allow-Headers")
              .orElse("")
              .contains("Authorization"));
    }
  }
}
