#!/usr/bin/env python3
"""Check debian_oracle.py's building blocks against dpkg's own Perl modules (libdpkg-perl).

1. Relationship reduction: for every Build-Depends{,-Arch,-Indep} field of the graph's sources, the
   alternatives that apply on ARCH with no build profile active, as computed by
   debian_oracle.applicable_names and by Dpkg::Deps::deps_parse(reduce_arch, reduce_profiles).
2. Version comparison: debian_oracle.version_compare against Dpkg::Version::version_compare on
   random pairs and neighbouring pairs of the versions in a Packages index.

Usage: python3 scripts/oracle/crosscheck_dpkg.py --sources S.xz --packages P.xz [--arch amd64 ...]
Exit status 0 when both agree everywhere.
"""

import argparse
import os
import random
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import debian_oracle as o  # noqa: E402

PERL_DEPS = r"""
use strict; use warnings; use Dpkg::Deps;
my $arch = shift;
while (my $l = <STDIN>) {
  chomp $l; my ($n, $f, $v) = split /\t/, $l, 3;
  my $d = deps_parse($v, host_arch => $arch, build_arch => $arch, build_dep => 1,
                     reduce_arch => 1, reduce_profiles => 1, build_profiles => []);
  die "cannot parse $n $f\n" unless defined $d;
  foreach my $c ($d->get_deps()) {
    my @alts = $c->isa('Dpkg::Deps::OR') ? $c->get_deps() : ($c);
    print "$n\t$f\t", lc($_->{package}), "\n" foreach @alts;
  }
}
"""

PERL_VER = r"""
use strict; use warnings; use Dpkg::Version;
while (my $l = <STDIN>) { chomp $l; my ($a, $b) = split /\t/, $l;
  my $r = version_compare($a, $b); print(($r <=> 0), "\n"); }
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sources", required=True)
    ap.add_argument("--packages", required=True)
    ap.add_argument("--arch", action="append")
    args = ap.parse_args()
    ok = True
    src = o.Sources(args.sources)
    fields = []
    for n in src.names:
        st = src.by_name[n]
        for f in ("build-depends", "build-depends-arch", "build-depends-indep"):
            if st.get(f):
                fields.append((n, f, st[f]))
    inp = "".join(f"{n}\t{f}\t{v}\n" for n, f, v in fields)
    for arch in args.arch or ["amd64", "arm64", "i386"]:
        mine = sorted(f"{n}\t{f}\t{x}" for n, f, v in fields for x in o.applicable_names(v, arch))
        res = subprocess.run(["perl", "-e", PERL_DEPS, arch], input=inp, capture_output=True,
                             text=True, check=True)
        theirs = sorted(res.stdout.splitlines())
        same = mine == theirs
        ok &= same
        print(f"deps {arch}: oracle {len(mine)} alternatives, Dpkg::Deps {len(theirs)}: "
              f"{'identical' if same else 'DIFFERENT'}")
        if not same:
            a, b = set(mine), set(theirs)
            for x in sorted(a - b)[:10]:
                print("  only oracle:", x)
            for x in sorted(b - a)[:10]:
                print("  only dpkg:  ", x)

    vs = sorted({st["version"] for st in o.read_stanzas(args.packages, {"version"})
                 if st.get("version")})
    rnd = random.Random(1)
    pairs = [(rnd.choice(vs), rnd.choice(vs)) for _ in range(100_000)]
    pairs += [(vs[i], vs[i + 1]) for i in range(len(vs) - 1)]
    res = subprocess.run(["perl", "-e", PERL_VER], input="".join(f"{a}\t{b}\n" for a, b in pairs),
                         capture_output=True, text=True, check=True)
    bad = 0
    for (a, b), r in zip(pairs, res.stdout.split()):
        mine = o.version_compare(a, b)
        if (mine > 0) - (mine < 0) != int(r):
            bad += 1
            if bad <= 10:
                print("  version mismatch:", a, b, mine, r)
    ok &= bad == 0
    print(f"versions: {len(pairs)} pairs, {bad} mismatches")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
