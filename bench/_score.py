"""The dev sets' scoring rules, shared by ``bench/accuracy.py`` and ``tests/test_dev_sets.py``.

The rules are those of ``../shared/tools/score_dev.py`` and ``../shared/corpus/README.md``
(the rules the held-out halves are judged by):

- claims: a hand-read phrase is right when a claim over it names an acceptable subject and
  anchor and has an acceptable verdict (``none``: no claim is right too); an
  ``inconsistent`` verdict the annotation does not allow is a false alarm;
- headlines: some resolved place lies within 5 km of the gold point (recall@5km), overall
  and for gold places that are not governorate capitals; a mention of the gold name
  resolves within 5 km; resolved places more than 100 km from the gold point;
- names: the geocoder's top answer within 5 km of the gold point, and the share of names
  answered more than 25 km off (a wrong answer is worse than none).

Only the public API is used: ``geo_syria.analyze``, ``read_documents``,
``OfflineGeocoder`` and the report's attributes. The data are read by path, never copied.
"""

from __future__ import annotations

import csv
import math
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "CAPITALS",
    "ClaimsScore",
    "EstimatesScore",
    "Found",
    "HeadlinesScore",
    "NamesScore",
    "analyze_claim_docs",
    "fits",
    "geocode_names",
    "gold_key",
    "haversine_km",
    "headline_estimates",
    "is_capital",
    "norm",
    "ours_headlines",
    "peer_headlines",
    "read_articles",
    "read_tsv",
    "score_claims",
    "score_headlines",
    "score_names",
]

#: The fourteen governorate capitals (Rif Dimashq's is Damascus), as UCDP and others spell them.
CAPITALS = frozenset(
    {
        "aleppo",
        "damascus",
        "homs",
        "hama",
        "latakia",
        "lattakia",
        "tartus",
        "tartous",
        "idlib",
        "idleb",
        "raqqa",
        "arraqqah",
        "raqqah",
        "deirezzor",
        "dayrazzawr",
        "deirezzur",
        "alhasakah",
        "hasakah",
        "hasaka",
        "daraa",
        "dara",
        "assuwayda",
        "suwayda",
        "sweida",
        "quneitra",
        "alqunaytirah",
    }
)
#: Type words UCDP appends to a place name ("Khan Shaykhun town").
_TYPE_WORDS = frozenset({"town", "city", "village", "suburb", "camp", "area", "farm", "farms"})

#: A leading Arabic article of a normalised name ("alraqqah": "raqqah").
_ARTICLE = re.compile(r"^(?:ash|al|el|ar|as|ad|az|at|an)(?=[a-z]{4})")

#: One found place of a headline: the name as written, the point it was resolved to.
Found = tuple[str, float, float]


def norm(s: str | None) -> str:
    """Return ``s`` without accents, lower-cased, letters a-z only (score_dev's rule)."""
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z]", "", s)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (mean Earth radius 6371 km, as score_dev)."""
    p = math.pi / 180
    x = (
        math.sin((lat2 - lat1) * p / 2) ** 2
        + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(x))


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Return the rows of a dev-set TSV as dicts."""
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def read_articles(path: Path) -> dict[str, str]:
    """Return each FA-KES article's text by unit_id, with its date as a first line (score_dev)."""
    out = {}
    with open(path, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            d = r["date"].split("/")
            date = f"{d[2]}-{int(d[0]):02d}-{int(d[1]):02d}" if len(d) == 3 else ""
            out[r["unit_id"]] = (f"date {date}\n" if date else "") + r["article_content"]
    return out


def gold_key(gold_name: str) -> str:
    """Return a UCDP gold name without its type word, normalised ("Al Bab town" -> "albab")."""
    words = gold_name.split()
    while len(words) > 1 and words[-1].lower() in _TYPE_WORDS:
        words.pop()
    return norm(" ".join(words))


def is_capital(gold_name: str) -> bool:
    """Whether a UCDP gold name is a governorate capital."""
    return gold_key(gold_name) in CAPITALS


def fits(want: str, got: Iterable[str]) -> bool:
    """Whether a name in ``got`` (normalised) is one of ``want``'s ``|``-separated names."""
    if "*" in want.split("|"):
        return True
    ws = [norm(w) for w in want.split("|") if norm(w)]
    return any(w in g or (len(g) > 3 and g in w) for w in ws for g in got)


# --- claims ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClaimsScore:
    """The claims measure: right phrases, false alarms, and each wrong phrase in words."""

    right: int
    total: int
    false_inconsistent: int
    failures: tuple[str, ...]


def analyze_claim_docs(articles: dict[str, str], gold: Sequence[dict], gazetteer=None):
    """Analyse the articles the annotations name, as score_dev does (one .txt each).

    Returns the report; each document's id is its unit_id.
    """
    import geo_syria

    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for doc in sorted({g["doc"] for g in gold}):
            path = Path(tmp) / f"{doc}.txt"
            path.write_text(articles[doc], encoding="utf-8")
            paths.append(path)
        docs = list(geo_syria.read_documents(paths))
    return geo_syria.analyze(docs, gazetteer=gazetteer)


def _label(res) -> str | None:
    if res is None:
        return None
    return res.place.name if res.place is not None else res.mention.text


def score_claims(report, articles: dict[str, str], gold: Sequence[dict]) -> ClaimsScore:
    """Judge each annotated phrase against the report's claims (score_dev's rule)."""
    labels: dict[str, set[str]] = {}
    for rp in report.places:
        labels.setdefault(rp.place.id, set()).update(
            {norm(rp.place.name)} | {norm(m.text) for m in rp.mentions}
        )

    def names_of(res) -> set[str]:
        ids = labels.get(res.place.id, set()) if res.place is not None else set()
        return {x for x in {norm(_label(res))} | ids if x}

    right = alarms = 0
    failures = []
    for g in gold:
        text = articles[g["doc"]]
        i = text.find(g["phrase"])
        j = i + len(g["phrase"])
        over = [c for c in report.claims if c.doc_id == g["doc"] and c.start < j and c.end > i]
        verdicts = g["verdict"].split("|")
        ok = not over and "none" in verdicts
        for c in over:
            alarms += c.verdict == "inconsistent" and "inconsistent" not in verdicts
            ok |= (
                c.verdict in verdicts
                and fits(g["subject"], names_of(c.subject))
                and fits(g["anchor"], names_of(c.anchor))
            )
        right += ok
        if not ok:
            got = "; ".join(f"{_label(c.subject)} / {_label(c.anchor)} / {c.verdict}" for c in over)
            failures.append(
                f"claim {g['doc']} {g['phrase'][:40]!r}: want {g['subject']} / "
                f"{g['anchor']} / {g['verdict']}; got {got or 'no claim'}"
            )
    return ClaimsScore(right, len(gold), alarms, tuple(failures))


# --- headlines ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HeadlinesScore:
    """The headlines measures (counts; the rates are properties)."""

    n: int
    hits: int
    n_noncapital: int
    hits_noncapital: int
    gold_mentions: int  # headlines where a found name is the gold name
    gold_mentions_near: int  # ... and one such resolves within 5 km of the gold point
    far_places: int  # found places more than 100 km from the gold point
    far_headlines: int  # headlines with at least one

    @property
    def recall(self) -> float:
        """Share of headlines with a place within 5 km of the gold point."""
        return self.hits / self.n

    @property
    def recall_noncapital(self) -> float:
        """The same, over headlines whose gold place is not a governorate capital."""
        return self.hits_noncapital / self.n_noncapital

    @property
    def gold_mention_rate(self) -> float:
        """Share of headlines whose gold-name mention resolves within 5 km."""
        return self.gold_mentions_near / self.n


def _same_name(written: str, key: str) -> bool:
    """Whether a name as written is the gold name (containment or a close spelling)."""
    from rapidfuzz import fuzz

    w = norm(written)
    w_bare, k_bare = _ARTICLE.sub("", w), _ARTICLE.sub("", key)
    if len(w) > 3 and (w in key or key in w or w_bare in k_bare or k_bare in w_bare):
        return True
    return fuzz.ratio(w_bare, k_bare) >= 75


def score_headlines(rows: Sequence[dict], found: Sequence[Sequence[Found]]) -> HeadlinesScore:
    """Score what a tool found in each headline against the gold points."""
    hits = n_nc = hits_nc = gm = gm_near = far = far_rows = 0
    for r, places in zip(rows, found, strict=True):
        lat, lon = float(r["lat"]), float(r["lon"])
        dists = [(name, haversine_km(lat, lon, plat, plon)) for name, plat, plon in places]
        ok = any(d <= 5 for _, d in dists)
        hits += ok
        if not is_capital(r["gold_name"]):
            n_nc += 1
            hits_nc += ok
        key = gold_key(r["gold_name"])
        gold = [d for name, d in dists if _same_name(name, key)]
        gm += bool(gold)
        gm_near += any(d <= 5 for d in gold)
        n_far = sum(d > 100 for _, d in dists)
        far += n_far
        far_rows += n_far > 0
    return HeadlinesScore(len(rows), hits, n_nc, hits_nc, gm, gm_near, far, far_rows)


def ours_headlines(rows: Sequence[dict], gazetteer) -> list[list[Found]]:
    """``analyze()`` each headline alone (as score_dev does); every resolved mention's point."""
    import geo_syria

    out = []
    for r in rows:
        report = geo_syria.analyze(r["headline"], gazetteer=gazetteer)
        out.append(
            [
                (res.mention.text, rp.place.lat, rp.place.lon)
                for rp in report.places
                for res in rp.resolutions
            ]
        )
    return out


def peer_headlines(
    rows: Sequence[dict], names: Callable[[str], Iterable[str]], geocoder
) -> list[list[Found]]:
    """A peer's names of each headline, each geocoded with ``geocoder.geocode``."""
    out = []
    memo: dict[str, object] = {}
    for r in rows:
        found = []
        for name in names(r["headline"]):
            if name not in memo:
                memo[name] = geocoder.geocode(name)
            loc = memo[name]
            if loc is not None:
                found.append((name, loc.latitude, loc.longitude))
        out.append(found)
    return out


@dataclass(frozen=True, slots=True)
class EstimatesScore:
    """Context estimates of gold names the gazetteer lacks ("X village, Raqqa governorate")."""

    estimated: int  # headlines whose gold name is unresolved but estimated
    within: int  # ... whose gold point lies within the estimate's radius
    median_radius_km: float


def headline_estimates(rows: Sequence[dict], gazetteer) -> EstimatesScore:
    """``analyze()`` each headline; judge the estimates of its unresolved gold-name mentions."""
    import statistics

    import geo_syria

    estimated = within = 0
    radii = []
    for r in rows:
        key = gold_key(r["gold_name"])
        report = geo_syria.analyze(r["headline"], gazetteer=gazetteer)
        for res in report.unresolved:
            est = res.estimate
            if est is None or not _same_name(res.mention.text, key):
                continue
            estimated += 1
            radii.append(est.radius_m / 1000)
            km = haversine_km(float(r["lat"]), float(r["lon"]), est.lat, est.lon)
            within += km <= est.radius_m / 1000
            break
    median = statistics.median(radii) if radii else math.nan
    return EstimatesScore(estimated, within, median)


# --- names ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NamesScore:
    """The geocoder measures on the UCDP names."""

    n: int
    answered: int
    within_5km: int
    over_25km: int

    @property
    def top1(self) -> float:
        """Share of names whose top answer is within 5 km."""
        return self.within_5km / self.n

    @property
    def wrong(self) -> float:
        """Share of names answered more than 25 km off."""
        return self.over_25km / self.n


def score_names(rows: Sequence[dict], answers: Sequence[tuple[float, float] | None]) -> NamesScore:
    """Score one answer (lat, lon) or None per name."""
    answered = near = wrong = 0
    for r, a in zip(rows, answers, strict=True):
        if a is None:
            continue
        answered += 1
        d = haversine_km(float(r["lat"]), float(r["lon"]), *a)
        near += d <= 5
        wrong += d > 25
    return NamesScore(len(rows), answered, near, wrong)


def geocode_names(rows: Sequence[dict], geocoder) -> list[tuple[float, float] | None]:
    """The geocoder's top answer for each name, as (lat, lon) or None."""
    out = []
    for r in rows:
        loc = geocoder.geocode(r["name"])
        out.append(None if loc is None else (loc.latitude, loc.longitude))
    return out
