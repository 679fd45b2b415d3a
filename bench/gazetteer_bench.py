"""Gazetteer benchmark: load times, exact and fuzzy look-ups per second, peak memory.

Run: ``python bench/gazetteer_bench.py [--reference ../shared/reference]``.

Targets (issue 2): embedded default loads in <= 0.3 s, the store built from
../shared/reference in <= 1 s, >= 20,000 exact look-ups per second on one core.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from _bench import pin_one_core, reference_sources

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"embedded_load_s": 0.3, "store_load_s": 1.0, "exact_per_s": 20_000}

#: Spellings as news writes them: names, transliteration variants, Arabic script.
EXACT = [
    "Jobar", "Joubar", "Jawbar", "Jowbar", "Qaboun", "Qabun", "Barzeh", "Barza", "Abbasiyin",
    "Harasta", "Douma", "Duma", "Zamalka", "Ain Tarma", "Ein Terma", "Soran", "Suran", "Şūrān",
    "Khattab", "Maardas", "Ma'ardes", "Halfaya", "Mhardeh", "Hama", "Damascus", "Aleppo",
    "Deir ez-Zor", "Deir Ezzor", "Dayr az Zawr", "Idlib", "Idleb", "Raqqa", "Ar Raqqah",
    "Daraa", "Dar'a", "Deraa", "Homs", "Latakia", "Geneva", "Beirut", "Moscow", "Ankara",
    "دمشق", "حلب", "حماة", "دوما", "Nowhere-at-all",
]  # fmt: skip
#: Misspellings: no exact or variant key, so the fuzzy fallback runs.
FUZZY = [
    "Jobbarr", "Qabbounn", "Harastta", "Zamalkka", "Khatab al", "Halfaiyya", "Mharda",
    "Damaskus", "Alepo", "Deir Ezor", "Idlibb", "Raqa city", "Darraa", "Homms", "Suraan",
]  # fmt: skip


def _fresh_default(**kwargs):
    from geo_syria.gazetteer import default

    default.clear_cache()  # bypass the in-memory cache
    return default.load_default_gazetteer(**kwargs)


def _time(fn, *, repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def _rate(fn, names: list[str], *, seconds: float) -> float:
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for name in names:
            fn(name)
        count += len(names)
    return count / (time.perf_counter() - start)


def _ratio(value: float, target: float, *, lower_is_better: bool) -> str:
    ok = value <= target if lower_is_better else value >= target
    ratio = value / target
    return f"{ratio:.2f}x target ({'OK' if ok else 'MISSED'})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", default=str(ROOT.parent / "shared" / "reference"))
    parser.add_argument("--seconds", type=float, default=2.0, help="time per rate measurement")
    args = parser.parse_args()
    pin_one_core()

    cold = _time(lambda: _fresh_default(use_cache=False))
    _fresh_default(use_cache=True)  # make sure the cache exists
    warm = _time(lambda: _fresh_default(use_cache=True), repeat=5)
    gaz = _fresh_default(use_cache=True)
    print(f"embedded default: {len(gaz)} places")
    print(f"  load, cold build (use_cache=False): {cold:.3f} s")
    print(
        f"  load, warm (on-disk cache):         {warm:.3f} s  "
        f"{_ratio(warm, TARGETS['embedded_load_s'], lower_is_better=True)}"
    )

    ref = Path(args.reference)
    store_gaz = None
    if ref.is_dir():
        from geo_syria.gazetteer.build import build_gazetteer
        from geo_syria.gazetteer.store import load_store, write_store

        t = time.perf_counter()
        places = build_gazetteer(reference_sources(ref))
        build_s = time.perf_counter() - t
        tmp = tempfile.TemporaryDirectory()
        path = write_store(places, Path(tmp.name) / "reference.sqlite")
        size = path.stat().st_size
        load_s = _time(lambda: load_store(path), repeat=3)
        store_gaz = load_store(path)
        print(f"store from {ref}: {len(places)} places, {size / 1e6:.1f} MB")
        print(f"  build (import + merge, default included): {build_s:.3f} s")
        print(
            f"  load_store:                               {load_s:.3f} s  "
            f"{_ratio(load_s, TARGETS['store_load_s'], lower_is_better=True)}"
        )
    else:
        print(f"store: {ref} is absent; skipped")

    for label, g in (("default", gaz), ("reference store", store_gaz)):
        if g is None:
            continue
        exact = _rate(g.lookup, EXACT, seconds=args.seconds)
        fuzzy = _rate(lambda n, g=g: g.search(n), FUZZY, seconds=args.seconds)
        # the gazetteer remembers recent fuzzy results; a first-time look-up pays in full
        fuzzy_cold = _rate(
            lambda n, g=g: (g.__dict__.pop("_fuzzy_memo", None), g.search(n)),
            FUZZY,
            seconds=args.seconds,
        )
        mixed = _rate(lambda n, g=g: g.search(n), EXACT + FUZZY, seconds=args.seconds)
        hits = sum(bool(g.lookup(n)) for n in EXACT)
        print(f"look-ups on {label} ({len(g)} places, one core):")
        print(
            f"  exact  Gazetteer.lookup: {exact:10,.0f} /s  "
            f"{_ratio(exact, TARGETS['exact_per_s'], lower_is_better=False)}"
            f"  ({hits}/{len(EXACT)} spellings found)"
        )
        print(f"  fuzzy  Gazetteer.search (misspellings, repeated): {fuzzy:10,.0f} /s")
        print(f"  fuzzy  Gazetteer.search (misspellings, first time): {fuzzy_cold:10,.0f} /s")
        print(f"  mixed  Gazetteer.search (all spellings): {mixed:10,.0f} /s")

    # memory is measured apart: tracemalloc slows Python code several times over
    tracemalloc.start()
    _fresh_default(use_cache=True)
    _, peak_default = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    if store_gaz is not None:
        load_store(path)
        tmp.cleanup()
    _, peak_store = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    maxrss_mb = maxrss / 1e6 if sys.platform == "darwin" else maxrss / 1e3
    print(f"memory: tracemalloc peak loading the default {peak_default / 1e6:.1f} MB, "
          f"loading the reference store {peak_store / 1e6:.1f} MB; "
          f"process max RSS {maxrss_mb:.1f} MB")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
