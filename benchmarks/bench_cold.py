"""The cold check of one report, compared across checkouts: what ``bench_goals.py --only cold`` measures for
one tree, for several in turns, with gklint's own share of it.

Usage (from any directory; each TREE is a gklint checkout, default this one):

    python benchmarks/bench_cold.py [--runs N] [TREE ...]

Each round runs, in fresh processes and in turn: ``import pandera.pandas`` (the goal's limit), then for each
tree ``import gklint; gklint.check(sample)`` (wall and CPU of the whole process, its exit included) and
``import pandera.pandas`` followed by the check (the CPU the check spends after pandera's import: gklint's
own share). Taking them in turns lets a change of the machine's load weigh on every tree alike, which two
runs of ``bench_goals.py`` one after the other do not. Every tree runs from bytecode with a private cache
folder (``bench_goals.bytecode_env``, one per tree), filled by an untimed round first. Figures are medians;
the ratios are to ``import pandera.pandas`` of the same rounds.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_goals import ROOT, SAMPLE, bytecode_env  # noqa: E402

CHECK = f"import gklint; gklint.check({str(SAMPLE)!r})"
# gklint's share: the CPU of the check after pandera's import, printed by the process itself
SHARE = ("import pandera.pandas, time; t = time.process_time(); " + CHECK
         + "; print(time.process_time() - t)")


def timed(code: str, tree: Path, env: dict) -> tuple[float, float, str]:
    """(wall ms, CPU ms of the whole process, what it printed) of ``python -c CODE`` with ``tree`` first."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=tree,
                         env={**env, "PYTHONPATH": str(tree)}).stdout
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall * 1000, cpu * 1000, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("trees", nargs="*", type=Path, default=[ROOT])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    trees = [tree.resolve() for tree in args.trees]
    with tempfile.TemporaryDirectory() as tmp:
        envs = {tree: bytecode_env(Path(tmp) / str(i)) for i, tree in enumerate(trees)}
        limit_env = bytecode_env(Path(tmp) / "pandera")
        limit, walls, cpus, shares = [], {t: [] for t in trees}, {t: [] for t in trees}, {t: [] for t in trees}
        for k in range(args.runs + 1):  # round 0 fills the bytecode and cache folders, untimed
            got = timed("import pandera.pandas", ROOT, limit_env)
            for tree in trees:
                wall, cpu, _ = timed(CHECK, tree, envs[tree])
                share = float(timed(SHARE, tree, envs[tree])[2].split()[-1]) * 1000
                if k:
                    walls[tree].append(wall)
                    cpus[tree].append(cpu)
                    shares[tree].append(share)
            if k:
                limit.append(got[:2])
    wall0 = statistics.median(w for w, _ in limit)
    cpu0 = statistics.median(c for _, c in limit)
    print(f"command: python benchmarks/bench_cold.py --runs {args.runs} {' '.join(map(str, trees))}")
    print(f"import pandera.pandas: wall {wall0:.0f} ms, CPU {cpu0:.0f} ms")
    print("| tree | cold check, wall (× pandera) | CPU (× pandera) | gklint's own CPU after pandera's import |")
    print("|---|---:|---:|---:|")
    for tree in trees:
        wall, cpu, share = (statistics.median(v[tree]) for v in (walls, cpus, shares))
        print(f"| {tree} | {wall:.0f} ms ({wall / wall0:.2f}×) | {cpu:.0f} ms ({cpu / cpu0:.2f}×) | {share:.1f} ms |")


if __name__ == "__main__":
    main()
