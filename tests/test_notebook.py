"""The walkthrough notebook runs from a clean kernel, with and without ``../shared``.

Cells are found by their tags (``places-table``, ``corpus-map``, ...), so the notebook can
gain or lose a cell without breaking the test.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from _assets import map_assets  # noqa: F401 - fixture

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "walkthrough.ipynb"
#: Public names the notebook uses that other parts of the package provide.
PIPELINE_API = ("analyze", "read_documents", "render_map", "to_geodataframe")
#: An external script or stylesheet in a map's page: the map would need the network.
EXTERNAL_ASSET = re.compile(r"""<(?:script|link)[^>]*(?:src|href)=\\?["']https?://""")


def _read():
    import nbformat

    return nbformat.read(NOTEBOOK, as_version=4)


def _execute(notebook_dir: Path):
    """Run the notebook found in ``notebook_dir`` and return it with its outputs."""
    import nbclient
    import nbformat

    nb = nbformat.read(notebook_dir / NOTEBOOK.name, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(notebook_dir)}}
    )
    client.execute()
    return nb


def _cell(nb, tag):
    (cell,) = [c for c in nb.cells if tag in c.metadata.get("tags", [])]
    return cell


def _html(cell) -> str:
    return "".join(out.get("data", {}).get("text/html", "") for out in cell.get("outputs", []))


def _errors(nb):
    return [
        (i, out.get("ename"), out.get("evalue"))
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if out.get("output_type") == "error"
    ]


def _check_executed(nb) -> None:
    assert _errors(nb) == []
    places_html = _html(_cell(nb, "places-table"))
    assert "Hama" in places_html and "Damascus" in places_html
    for tag in ("verdict-counts", "mentions-table", "unresolved-table", "summary"):
        assert _cell(nb, tag).outputs, f"cell {tag!r} shows nothing"
    assert "claims checked" in str(_cell(nb, "summary").outputs)
    for tag in ("articles-map", "corpus-map"):
        page = _html(_cell(nb, tag))
        assert "leaflet" in page.lower(), f"cell {tag!r} shows no map"
        assert not EXTERNAL_ASSET.search(page), f"the map of cell {tag!r} needs the network"


def test_pipeline_api_is_exported():
    import geo_syria

    assert set(PIPELINE_API) <= set(geo_syria.__all__)
    for name in PIPELINE_API:
        assert callable(getattr(geo_syria, name))


def test_notebook_imports_only_the_public_api():
    import geo_syria

    nb = _read()
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "from geo_syria." not in code and "import geo_syria." not in code
    used = {
        word.split("(")[0] for line in code.splitlines() for word in line.split("geo_syria.")[1:]
    }
    assert set(PIPELINE_API) <= used
    assert used <= set(geo_syria.__all__), used - set(geo_syria.__all__)


def test_committed_notebook_has_no_outputs():
    nb = _read()
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.outputs for c in code] == [[]] * len(code)
    assert {c.execution_count for c in code} == {None}


def test_notebook_opens_plainly_and_ends_with_a_conclusion():
    nb = _read()
    setup = _cell(nb, "setup").source
    assert "def " not in setup and ".parents" not in setup, "path-finding boilerplate is back"
    assert nb.cells[-1] is _cell(nb, "conclusion") and nb.cells[-1].cell_type == "markdown"
    # figures come from the cells above it, so the words stay true when they change
    assert not re.search(r"\d", nb.cells[-1].source), "the conclusion hard-codes a figure"


def test_notebook_runs_clean(samples_dir, corpus_csv, map_assets):  # noqa: F811
    """With ``../shared``: the sample articles, then the dev corpus."""
    nb = _execute(NOTEBOOK.parent)
    _check_executed(nb)
    assert "fakes_dev.csv" in _html(_cell(nb, "corpus-map"))  # the dev corpus was read


def test_notebook_runs_clean_without_shared_data(tmp_path, map_assets):  # noqa: F811
    """Without ``../shared``: the example article and the example corpus in ``examples/``."""
    checkout = tmp_path / "checkout"
    (checkout / "notebooks").mkdir(parents=True)
    shutil.copy(NOTEBOOK, checkout / "notebooks")
    shutil.copytree(ROOT / "examples", checkout / "examples")
    nb = _execute(checkout / "notebooks")
    _check_executed(nb)
    summary = _cell(nb, "summary").outputs[0]["data"]["text/plain"]
    assert re.search(r"^documents +4$", summary, re.M), summary  # the four example articles
