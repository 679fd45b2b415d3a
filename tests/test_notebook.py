"""The walkthrough notebook runs from a clean kernel without an error."""

from __future__ import annotations

from pathlib import Path

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "walkthrough.ipynb"
#: Public names the notebook uses that other parts of the package provide.
PIPELINE_API = ("analyze", "read_documents", "render_map")


def test_pipeline_api_is_exported():
    import geo_syria

    assert set(PIPELINE_API) <= set(geo_syria.__all__)
    for name in PIPELINE_API:
        assert callable(getattr(geo_syria, name))


def test_notebook_imports_only_the_public_api():
    import nbformat

    import geo_syria

    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "from geo_syria." not in code and "import geo_syria." not in code
    used = {
        word.split("(")[0] for line in code.splitlines() for word in line.split("geo_syria.")[1:]
    }
    assert set(PIPELINE_API) <= used
    assert used <= set(geo_syria.__all__), used - set(geo_syria.__all__)


def test_notebook_runs_clean():
    import nbclient
    import nbformat

    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()
    errors = [
        (i, out.get("ename"), out.get("evalue"))
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if out.get("output_type") == "error"
    ]
    assert errors == []
    # the map cell shows a Leaflet map inline
    last = nb.cells[-1]["outputs"]
    assert any("text/html" in out.get("data", {}) for out in last)
    # the places table names places from the articles
    places_html = "".join(
        out.get("data", {}).get("text/html", "") for out in nb.cells[5].get("outputs", [])
    )
    assert "Hama" in places_html and "Damascus" in places_html
