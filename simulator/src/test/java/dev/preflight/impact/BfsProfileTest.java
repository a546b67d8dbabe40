package dev.preflight.impact;

/** The profile contract for the per-node BFS baseline. */
final class BfsProfileTest extends ProfileEngineContract {
  @Override
  ProfileEngine engine() {
    return new BfsProfile();
  }
}
