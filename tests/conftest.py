"""Shared fixtures: the loaded gazetteer, paths to ../shared data (skipping when absent)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("GEO_SYRIA_SHARED", ROOT.parent / "shared"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def skip_or_fail_in_ci(reason: str):
    """Skip on a developer's machine; in CI (``CI=true``), where .ci/run installs it all, fail."""
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"CI must not skip this: {reason}")
    pytest.skip(reason)


def shared_path(*parts: str) -> Path:
    """Return a path under ../shared, skipping the test when it is absent (a fresh clone)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(
            f"{path} is absent: the project's shared data sits beside the checkout "
            "on developer and CI machines, not in a user's clone"
        )
    return path


@pytest.fixture(scope="session")
def gazetteer():
    """The embedded default gazetteer, loaded once."""
    from geo_syria import load_default_gazetteer

    return load_default_gazetteer()


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    """``../shared/reference``."""
    return shared_path("reference")


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    """``../shared/samples``."""
    return shared_path("samples")


@pytest.fixture(scope="session")
def corpus_csv() -> Path:
    """``../shared/corpus/fakes_dev.csv``."""
    return shared_path("corpus", "fakes_dev.csv")


@pytest.fixture(scope="session")
def corpus_documents(corpus_csv) -> tuple:
    """The corpus read as documents, with its column names (text, id, title, date, source)."""
    from geo_syria.documents import read_documents

    return tuple(
        read_documents(
            corpus_csv,
            text_column="article_content",
            id_column="unit_id",
            title_column="article_title",
            date_column="date",
            source_column="source",
        )
    )


@pytest.fixture
def format_error(tmp_path):
    """Return ``check(read, name, content, match)`` for the importers' bad-file tests.

    ``check`` writes ``content`` (bytes, or str as UTF-8) to ``tmp_path / name``, asserts
    that ``read(path)`` raises a ``GazetteerFormatError`` matching ``match`` and naming
    the path, and returns the error.
    """
    from geo_syria.exc import GazetteerFormatError

    def check(read, name: str, content: bytes | str, match: str) -> GazetteerFormatError:
        path = tmp_path / name
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
        with pytest.raises(GazetteerFormatError, match=match) as info:
            read(path)
        assert info.value.path == str(path)
        return info.value

    return check


@pytest.fixture(scope="module")
def local_client():
    """A LocalCluster of 2 worker processes and its client (skipped without the cluster extra)."""
    pytest.importorskip("distributed", reason="the cluster extra is not installed")
    from geo_syria.cluster import local_client as start

    with start(2, log_level=logging.WARNING) as client:
        yield client
