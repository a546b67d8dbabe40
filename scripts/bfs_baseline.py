#!/usr/bin/env python3
"""The baseline `preflight impact --change NAME` is measured against (issue 17): read a pre-parsed
edge list (dependent<TAB>input per line, as TsvGraphFormat writes it) and count the transitive
dependents of the nodes named NAME by breadth-first search. Prints the rebuild count and depth.

    python3 scripts/bfs_baseline.py /tmp/bookworm.edges.tsv zlib

Node ids of the Debian graph are name@system, so NAME matches every id NAME@... and NAME itself.
"""
import sys
from collections import defaultdict, deque


def main(path, name):
    dependents = defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line or line[0] == "#":
                continue
            dep, _, inp = line.rstrip("\n").partition("\t")
            if dep == "dependent" and inp == "input":
                continue
            dependents[inp].append(dep)
    start = [n for n in dependents if n == name or n.startswith(name + "@")]
    if not start:
        sys.exit("unknown package '%s'" % name)
    seen = set(start)
    queue = deque((s, 0) for s in start)
    depth = 0
    while queue:
        node, d = queue.popleft()
        depth = max(depth, d)
        for x in dependents[node]:
            if x not in seen:
                seen.add(x)
                queue.append((x, d + 1))
    print("rebuild count", len(seen))  # the changed nodes included, as preflight counts
    print("depth", depth)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
