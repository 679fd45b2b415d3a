"""Pipeline benchmark: analyze() throughput and peak memory against geotext, on one core.

Run: ``python bench/pipeline_bench.py [--shared ../shared] [--big-mb 50]``.

It builds the gazetteer store from ../shared/reference (falling back to the embedded
default with a note), runs ``analyze()`` over the 384 articles of
../shared/corpus/fakes_dev.csv, then ``geotext.GeoText`` over the same texts, and
prints both throughputs, their ratio (target: ours >= 1.0x geotext's), where
analyze()'s time goes per article beside geotext's whole time (with the floor: one
automaton pass and a bare Mention and Resolution a name, no filtering, context or
claims), the peak memory, how many names of the sample acceptance list each finds,
and the time of one ``--big-mb`` text made of corpus articles, as paragraphs and as
one line (0 to skip).
"""

from __future__ import annotations

import argparse
import atexit
import gc
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from _bench import pin_one_core, reference_sources

ROOT = Path(__file__).resolve().parents[1]
#: The sample acceptance list (issue 3): the names as the samples write them.
ACCEPTANCE = [
    "Damascus", "Jobar", "Abbasiyin", "Tijara", "Old City", "Eastern Ghouta", "Qaboun",
    "Barza", "Hama", "Soran", "Maardas", "Khattab", "Aleppo", "Geneva", "Beirut",
]  # fmt: skip
#: Accepted spellings of each, for matching what a tool found.
SPELLINGS = {
    "Abbasiyin": {"abbasiyin", "abassiyin"},
    "Qaboun": {"qaboun", "qabun"},
    "Barza": {"barza", "barzeh"},
    "Soran": {"soran", "suran"},
    "Old City": {"old city", "old city of damascus"},
}


def _gazetteer(ref: Path):
    from geo_syria import load_default_gazetteer

    try:
        from geo_syria.gazetteer.build import build_gazetteer
        from geo_syria.gazetteer.store import load_store, write_store
    except ImportError as err:
        print(f"note: no store support ({err}); using the embedded default gazetteer")
        return load_default_gazetteer(), "default"
    sources = reference_sources(ref)
    if not sources:
        print(f"note: {ref} is absent; using the embedded default gazetteer")
        return load_default_gazetteer(), "default"
    tmp = tempfile.mkdtemp()
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    t = time.perf_counter()
    path = write_store(build_gazetteer(sources), Path(tmp) / "reference.sqlite")
    gaz = load_store(path)
    print(f"store from {ref}: {len(gaz)} places, built in {time.perf_counter() - t:.1f} s")
    return gaz, str(path)


def _found(names: set[str]) -> list[str]:
    names = {n.lower() for n in names}
    return [a for a in ACCEPTANCE if names & SPELLINGS.get(a, {a.lower()})]


def _ours_on_samples(samples: list[str], gaz) -> list[str]:
    from geo_syria import analyze

    report = analyze(samples, gazetteer=gaz)
    names = {r.mention.text for r in report.resolutions if r.place is not None}
    names |= {p.place.name for p in report.places}
    return _found(names)


def _geotext_on_samples(samples: list[str]) -> list[str]:
    from geotext import GeoText

    names: set[str] = set()
    for text in samples:
        g = GeoText(text)
        names |= set(g.cities) | set(g.countries)
    return _found(names)


def _best(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        run()
        times.append(time.perf_counter() - t)
    return min(times)


def _floor(rec, documents) -> list:
    """The least work the issue's output asks of texts: no filter, context or claim.

    One automaton pass, then for every name found a Mention with its sentence and a
    Resolution to its first candidate, built the fastest way the package has.
    """
    from geo_syria._fastinit import fast_constructor
    from geo_syria.recognize import Mention, SentenceFinder, fold
    from geo_syria.resolve import Resolution

    make_mention, make_resolution = fast_constructor(Mention), fast_constructor(Resolution)
    automaton, places, out = rec._automaton, rec._places, []
    for document in documents:
        text = document.text
        sentences = SentenceFinder(text)
        padded = " " + fold(text) + " "
        for end_index, (size, checks, _) in automaton.iter(padded):
            if checks is None:
                continue  # a cue word or an organisation, not a name
            start = end_index - 1 - size
            key = padded[start + 1 : end_index]
            s0, s1 = sentences.bounds(start)
            mention = make_mention(
                document.id, start, start + size, text[start : start + size], text[s0:s1],
                s0, None, "gazetteer",
            )  # fmt: skip
            out.append(make_resolution(mention, places[key][0], 1.0, (), ()))
    return out


def _stages(docs, gaz, repeat: int, *, per_peer: float) -> None:
    """Print where analyze()'s time goes, per article, beside geotext's whole time."""
    from geo_syria.claims import find_claims
    from geo_syria.recognize import Recognizer, fold, recognize
    from geo_syria.resolve import resolve

    rec = Recognizer.for_gazetteer(gaz)
    mentions = [recognize(d, gaz) for d in docs]
    drafts = [find_claims(d, m) for d, m in zip(docs, mentions, strict=True)]
    n = len(docs)
    rows = {
        # the floor of recognition: fold, then one pass of the automaton over the text
        "fold + automaton scan only": lambda: [
            list(rec._automaton.iter(" " + fold(d.text) + " ")) for d in docs
        ],
        "recognize()": lambda: [recognize(d, gaz) for d in docs],
        "find_claims()": lambda: [find_claims(d, m) for d, m in zip(docs, mentions, strict=True)],
        "resolve()": lambda: [
            resolve(m, dr, gaz, d) for d, m, dr in zip(docs, mentions, drafts, strict=True)
        ],
    }
    rows["floor: scan, Mention, Resolution"] = lambda: _floor(rec, docs)
    print(f"per article (us), geotext whole: {per_peer * 1e6:6.1f}")
    for label, run in rows.items():
        cost = _best(run, repeat) / n
        print(f"  {label:34s} {cost * 1e6:6.1f}  ({cost / per_peer:.2f}x geotext's time)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--big-mb", type=float, default=50.0, help="0 skips the big text")
    parser.add_argument("--repeat", type=int, default=3, help="best of N passes")
    args = parser.parse_args(argv)
    pin_one_core()

    from geotext import GeoText

    from geo_syria import analyze, read_documents

    corpus = args.shared / "corpus" / "fakes_dev.csv"
    if not corpus.exists():
        print(f"{corpus} is absent; nothing to measure")
        return 1
    docs = list(
        read_documents(
            corpus,
            text_column="article_content",
            id_column="unit_id",
            title_column="article_title",
            date_column="date",
            source_column="source",
        )
    )
    texts = [d.text for d in docs]
    chars = sum(map(len, texts))
    print(f"corpus: {len(docs)} articles, {chars / 1e6:.2f} M characters")
    gaz, label = _gazetteer(args.shared / "reference")

    t = time.perf_counter()
    report = analyze(docs[:1], gazetteer=gaz)  # builds the recognizer (once per gazetteer)
    print(f"recognizer build + first article: {time.perf_counter() - t:.2f} s")

    ours = []
    for _ in range(args.repeat):
        gc.collect()
        t = time.perf_counter()
        report = analyze(docs, gazetteer=gaz)
        ours.append(time.perf_counter() - t)
    failed = sum(s.status == "failed" for s in report.documents)
    print(
        f"analyze(): {len(docs) / min(ours):8.1f} articles/s (best of {args.repeat}; "
        f"first pass {len(docs) / ours[0]:.1f}/s) — {len(report.places)} places, "
        f"{len(report.resolutions)} mentions, {len(report.claims)} claims, {failed} failed"
    )

    peers = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        for text in texts:
            GeoText(text)
        peers.append(time.perf_counter() - t)
    ours_rate, peer_rate = len(docs) / min(ours), len(docs) / min(peers)
    print(f"geotext:    {peer_rate:8.1f} articles/s")
    verdict = "OK" if ours_rate >= peer_rate else "MISSED"
    print(f"ratio analyze()/geotext: {ours_rate / peer_rate:.3f}x (target >= 1.0x: {verdict})")
    _stages(docs, gaz, args.repeat, per_peer=min(peers) / len(docs))

    tracemalloc.start()
    analyze(docs, gazetteer=gaz)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"peak memory of analyze() over the corpus: {peak / 1e6:.1f} MB traced; "
        f"process max RSS {rss:.0f} MB"
    )

    samples_dir = args.shared / "samples"
    samples = [p.read_text(encoding="utf-8-sig") for p in sorted(samples_dir.glob("*.txt"))]
    if samples:
        mine, theirs = _ours_on_samples(samples, gaz), _geotext_on_samples(samples)
        print(
            f"sample acceptance list ({len(ACCEPTANCE)} names): "
            f"ours {len(mine)}, geotext {len(theirs)}"
        )
        print(f"  geotext misses: {', '.join(a for a in ACCEPTANCE if a not in theirs)}")
        print(f"  ours misses:    {', '.join(a for a in ACCEPTANCE if a not in mine) or '-'}")

    if args.big_mb > 0:
        joined = "\n\n".join(texts)
        big = joined * max(1, int(args.big_mb * 1e6 / len(joined)))
        # paragraphs, then the same text as one line (as the corpus writes each article)
        for shape, text in (("paragraphs", big), ("one line", big.replace("\n", " "))):
            t = time.perf_counter()
            report = analyze(text, gazetteer=gaz)
            big_s = time.perf_counter() - t
            (status,) = report.documents
            print(
                f"one {len(text) / 1e6:.0f} MB text ({shape}): {big_s:.1f} s "
                f"({big_s / (len(text) / 1e6):.2f} s/MB), status {status.status}, "
                f"{status.n_mentions} mentions, {status.n_claims} claims"
            )
    print(f"gazetteer: {label}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
