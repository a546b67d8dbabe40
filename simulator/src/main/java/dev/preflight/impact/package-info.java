/**
 * Impact: which builds a change triggers. A change (ids, names, globs, a changes file) is resolved
 * to node indexes by {@link dev.preflight.impact.ChangeResolver}; a closure engine follows the
 * reverse (dependent) edges of the CSR graph under a propagation {@link
 * dev.preflight.impact.Policy} (DESIGN.md §2) and returns a {@link
 * dev.preflight.impact.RebuildSet}: the sorted rebuild set with each member's distance from the
 * nearest changed node. Everything here is iterative over primitive arrays, so a 1,000,000-node
 * graph neither recurses nor allocates per visited node.
 */
package dev.preflight.impact;
