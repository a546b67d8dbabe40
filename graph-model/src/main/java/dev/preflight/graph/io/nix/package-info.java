/**
 * Importers for the graphs Nix users already have: {@code nix derivation show --recursive} JSON
 * (all three shapes Nix releases have printed), {@code nix-store --query --graph} DOT and
 * nix-eval-jobs JSON lines. Each reader turns its file into {@link
 * dev.preflight.graph.io.nix.NixDerivation} records; {@link dev.preflight.graph.io.nix.NixImport}
 * merges any combination of them by drv path into one {@link dev.preflight.graph.PackageGraph}.
 * Node ids are full drv paths ({@code /nix/store/<hash>-<name>.drv}), whatever form the file used.
 */
package dev.preflight.graph.io.nix;
