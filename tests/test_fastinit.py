"""fast_constructor: the same frozen values as the dataclass's own __init__, faster."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from geo_syria._fastinit import fast_constructor
from geo_syria.recognize import Mention

FIELDS = ("d1", 12, 16, "Hama", "Rebels took Hama.", 0, "the city of", "cue")


def test_builds_the_same_value():
    made = fast_constructor(Mention)(*FIELDS)
    assert made == Mention(*FIELDS)
    assert hash(made) == hash(Mention(*FIELDS))
    assert repr(made) == repr(Mention(*FIELDS))
    assert pickle.loads(pickle.dumps(made)) == made


def test_value_stays_frozen():
    made = fast_constructor(Mention)(*FIELDS)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.start = 0


def test_every_field_is_required():
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'source'"):
        fast_constructor(Mention)(*FIELDS[:-1])


@dataclasses.dataclass(frozen=True, slots=True)
class _Checked:
    km: float

    def __post_init__(self):
        if self.km < 0:
            raise ValueError("km < 0")


@dataclasses.dataclass(frozen=True)
class _Unslotted:
    km: float


@pytest.mark.parametrize(
    ("cls", "match"),
    [(_Checked, "'_Checked' has a __post_init__"), (_Unslotted, "'_Unslotted' is not slotted")],
)
def test_refuses_classes_it_cannot_build(cls, match):
    with pytest.raises(TypeError, match=match):
        fast_constructor(cls)
