/**
 * Build history: the {@code id,seconds,status,finishedAt} CSV that records past build results per
 * node (as a Hydra or OBS instance reports them), read once into a compact column-wise {@link
 * dev.preflight.history.History} that the risk model (failure rates, previous status) and the cost
 * model (observed durations) both use.
 */
package dev.preflight.history;
