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

Three more runs show what is left of ours when nothing is loaded or analysed: ``python``,
the interpreter alone (``-c pass``); ``libraries``, a process that imports the third-party
modules a one-sentence run ends with (numpy, shapely, geographiclib, pyahocorasick: those
of neither the standard library nor geo_syria) and nothing else; and ``imports``, a process
that imports exactly the modules a one-sentence run ends with (listed by an untimed run)
and does nothing else. What ``imports`` takes is the floor that caching what is built from
the gazetteer cannot go below, and ``libraries`` the part of it that is not ours
(``--no-floor`` leaves them out).

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
#: Prints the modules a run of ``code`` ends with, one a line.
_LIST_MODULES = "import sys\n{code}\nprint('\\n'.join(sys.modules))"
#: Imports the modules of ``names`` (those that can be imported on their own), nothing else.
_IMPORT_ONLY = (
    "import importlib\n"
    "for name in {names!r}:\n"
    "    try:\n"
    "        importlib.import_module(name)\n"
    "    except Exception:\n"
    "        pass\n"
)
#: The wall time a one-sentence run must stay under once the cache exists (issue 12).
TARGET_S = 0.4


def _child_env(cache: str, *, path: str | None = None) -> dict[str, str]:
    env = dict(os.environ, GEO_SYRIA_CACHE=cache)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if path is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [path, env.get("PYTHONPATH")]))
    return env


def run_once(code: str, env: dict[str, str], *, cwd: str | None = None) -> tuple[float, float]:
    """Run ``python -c code`` in a fresh process (in folder ``cwd``); return its (wall, CPU) s."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True, cwd=cwd)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def imported_modules(code: str, env: dict[str, str], *, cwd: str | None = None) -> list[str]:
    """Return the modules a fresh ``python -c code`` ends with (``sys.modules``, in its order)."""
    out = subprocess.run(
        [sys.executable, "-c", _LIST_MODULES.format(code=code)],
        env=env,
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [name for name in out.splitlines() if name and name != "__main__"]


def third_party(names: list[str]) -> list[str]:
    """Return the modules of ``names`` that are neither the standard library's nor geo_syria's.

    Examples
    --------
    >>> third_party(["json", "numpy", "numpy.linalg", "geo_syria.geo", "_ctypes", "shapely"])
    ['numpy', 'numpy.linalg', 'shapely']
    """
    own = {"geo_syria", *sys.stdlib_module_names, *sys.builtin_module_names}
    return [n for n in names if n.split(".")[0] not in own and not n.startswith("_")]


def cold_start(
    *, runs: int = 9, cache: str | None = None, before: str | None = None, floor: bool = True
) -> dict[str, dict[str, float]]:
    """Return the median wall and CPU seconds of ``runs`` fresh one-sentence processes.

    Keys ``ours``, ``geotext`` (and ``before`` for a source tree ``before``; ``python``,
    ``libraries`` and ``imports`` with ``floor``), each ``{"wall": s, "cpu": s}``; one
    untimed run of each first (it writes the caches).
    """
    with tempfile.TemporaryDirectory(prefix="geo_syria-cold-") as tmp:
        # an empty working folder: ``python -c`` imports from it first, and from a
        # checkout it would import the checkout's geo_syria whatever ``--before`` says
        cwd = os.path.join(tmp, "cwd")
        os.mkdir(cwd)
        ours_env = _child_env(cache or tmp)
        runners = {"ours": (OURS, ours_env), "geotext": (GEOTEXT, _child_env(tmp))}
        if before is not None:
            os.mkdir(os.path.join(tmp, "before"))
            runners["before"] = (OURS, _child_env(os.path.join(tmp, "before"), path=before))
        for code, env in runners.values():
            run_once(code, env, cwd=cwd)
        if floor:
            names = imported_modules(OURS, ours_env, cwd=cwd)
            runners["python"] = ("pass", ours_env)
            runners["libraries"] = (_IMPORT_ONLY.format(names=third_party(names)), ours_env)
            runners["imports"] = (_IMPORT_ONLY.format(names=names), ours_env)
            for name in ("libraries", "imports"):
                run_once(runners[name][0], ours_env, cwd=cwd)
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in runners}
        for _ in range(runs):
            for name, (code, env) in runners.items():
                times[name].append(run_once(code, env, cwd=cwd))
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
    if "imports" in result:
        bare, imports = result["python"], result["imports"]
        share = imports["wall"] / ours["wall"]
        lines += [
            f"  floor      python alone wall {bare['wall']:.3f} s   cpu {bare['cpu']:.3f} s;"
            f" our modules imported, nothing loaded: wall {imports['wall']:.3f} s"
            f"   cpu {imports['cpu']:.3f} s ({share:.0%} of ours)",
        ]
        if "libraries" in result:
            libs = result["libraries"]
            lines.append(
                f"             of which the third-party libraries alone (numpy, shapely, ...):"
                f" wall {libs['wall']:.3f} s   cpu {libs['cpu']:.3f} s"
            )
        if imports["wall"] >= target:
            lines.append(
                f"  the imports alone take {imports['wall']:.2f} s: the target is out of reach"
                " of caching"
            )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="fresh processes of each (9)")
    parser.add_argument("--target", type=float, default=TARGET_S, help="wall target, s (0.4)")
    parser.add_argument(
        "--cache", help="GEO_SYRIA_CACHE for the children (default: a temporary folder)"
    )
    parser.add_argument("--before", help="a source tree of an older geo_syria to measure too")
    parser.add_argument(
        "--no-floor",
        dest="floor",
        action="store_false",
        help="leave out the interpreter alone and the imports alone",
    )
    args = parser.parse_args(argv)
    result = cold_start(runs=args.runs, cache=args.cache, before=args.before, floor=args.floor)
    for line in report(result, target=args.target):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
