"""Cold-start benchmark: one sentence in a fresh Python process, ours beside geotext's.

Run: ``python bench/cold_bench.py [--runs 9] [--target 0.4]``.

Each run starts a new interpreter that does only this (the user's one-liner)::

    import geo_syria; geo_syria.analyze("Rebels took Soran, 20 km north of Hama.")

against geotext's start in the same way (``from geotext import GeoText;
GeoText(text).cities``), ours and geotext's alternating so that a change in the machine's
load hits both. Before timing, one untimed run of each writes the caches a user's second
run finds: geo_syria's default gazetteer store and recognizer tables (in a temporary
``GEO_SYRIA_CACHE``, unless ``--cache`` names one) and Python's byte code
(``PYTHONDONTWRITEBYTECODE`` is dropped for the children, as a user's interpreter writes
``.pyc`` files). It prints the median wall time and the median CPU time (user + system of
the child, which the load of a shared machine changes far less than wall time) of each,
their ratios, the load average, and whether ours is under ``--target`` seconds of wall time.

``--before DIR`` measures an older geo_syria too, from a source tree put first on
``PYTHONPATH`` (with a cache of its own), for a before/after in the same run::

    git archive f80800c geo_syria gazetteer | tar -x -C /tmp/before
    python bench/cold_bench.py --before /tmp/before

``cold_start()`` returns the same numbers for another bench to print
(``bench/scale_bench.py``).
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

SENTENCE = "Rebels took Soran, 20 km north of Hama."
OURS = f"import geo_syria; geo_syria.analyze({SENTENCE!r})"
GEOTEXT = f"from geotext import GeoText; GeoText({SENTENCE!r}).cities"
#: The wall time a one-sentence run must stay under once the cache exists (issue 12).
TARGET_S = 0.4


def _child_env(cache: str, *, path: str | None = None) -> dict[str, str]:
    env = dict(os.environ, GEO_SYRIA_CACHE=cache)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if path is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [path, env.get("PYTHONPATH")]))
    return env


def run_once(code: str, env: dict[str, str]) -> tuple[float, float]:
    """Run ``python -c code`` in a fresh process; return its (wall, CPU) seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def cold_start(
    *, runs: int = 9, cache: str | None = None, before: str | None = None
) -> dict[str, dict[str, float]]:
    """Return the median wall and CPU seconds of ``runs`` fresh one-sentence processes.

    Keys ``ours``, ``geotext`` (and ``before`` for a source tree ``before``), each
    ``{"wall": s, "cpu": s}``; one untimed run of each first (it writes the caches).
    """
    with tempfile.TemporaryDirectory(prefix="geo_syria-cold-") as tmp:
        runners = {"ours": (OURS, _child_env(cache or tmp)), "geotext": (GEOTEXT, _child_env(tmp))}
        if before is not None:
            os.mkdir(os.path.join(tmp, "before"))
            runners["before"] = (OURS, _child_env(os.path.join(tmp, "before"), path=before))
        for code, env in runners.values():
            run_once(code, env)
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in runners}
        for _ in range(runs):
            for name, (code, env) in runners.items():
                times[name].append(run_once(code, env))
    return {
        name: {
            "wall": statistics.median(w for w, _ in got),
            "cpu": statistics.median(c for _, c in got),
        }
        for name, got in times.items()
    }


def report(result: dict[str, dict[str, float]], *, target: float = TARGET_S) -> list[str]:
    """Return the lines that print a :func:`cold_start` result."""
    ours, geotext = result["ours"], result["geotext"]
    verdict = "meets" if ours["wall"] < target else "misses"
    lines = [
        f"cold start of one sentence (median; load average {os.getloadavg()[0]:.2f}):",
        f"  geo_syria  wall {ours['wall']:.3f} s   cpu {ours['cpu']:.3f} s",
        f"  geotext    wall {geotext['wall']:.3f} s   cpu {geotext['cpu']:.3f} s",
        f"  ratio      wall {ours['wall'] / geotext['wall']:.2f}x   "
        f"cpu {ours['cpu'] / geotext['cpu']:.2f}x geotext's",
        f"  target: wall under {target:.2f} s: {verdict} it",
    ]
    if "before" in result:
        old = result["before"]
        lines[3:3] = [
            f"  before     wall {old['wall']:.3f} s   cpu {old['cpu']:.3f} s   "
            f"(ours is {old['wall'] / ours['wall']:.2f}x faster by wall, "
            f"{old['cpu'] / ours['cpu']:.2f}x by cpu)"
        ]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="fresh processes of each (9)")
    parser.add_argument("--target", type=float, default=TARGET_S, help="wall target, s (0.4)")
    parser.add_argument(
        "--cache", help="GEO_SYRIA_CACHE for the children (default: a temporary folder)"
    )
    parser.add_argument("--before", help="a source tree of an older geo_syria to measure too")
    args = parser.parse_args(argv)
    result = cold_start(runs=args.runs, cache=args.cache, before=args.before)
    for line in report(result, target=args.target):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
