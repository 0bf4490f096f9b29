"""The public surface of ``kiemtra`` is exactly its ``__all__``."""

from __future__ import annotations

import types

import kiemtra


def test_all_is_sorted() -> None:
    """``__all__`` is sorted, so additions land in one obvious place."""
    assert list(kiemtra.__all__) == sorted(kiemtra.__all__)


def test_all_has_no_duplicates() -> None:
    """Each public name appears once."""
    assert len(set(kiemtra.__all__)) == len(kiemtra.__all__)


def test_all_is_exactly_the_public_names() -> None:
    """Every non-underscore, non-module attribute is in ``__all__`` and every name in it exists."""
    public = {
        name
        for name, value in vars(kiemtra).items()
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType)
        and name != "annotations"
    }
    assert public | {"__version__"} == set(kiemtra.__all__)


def test_every_public_object_has_a_docstring() -> None:
    """Classes and functions exported by kiemtra are documented."""
    undocumented = [
        name
        for name in kiemtra.__all__
        if (callable(getattr(kiemtra, name)) or isinstance(getattr(kiemtra, name), type))
        and not (getattr(kiemtra, name).__doc__ or "").strip()
    ]
    assert undocumented == []


def test_every_error_derives_from_the_base() -> None:
    """Every exception class kiemtra exports is a KiemtraError."""
    errors = [
        getattr(kiemtra, n)
        for n in kiemtra.__all__
        if isinstance(getattr(kiemtra, n), type) and issubclass(getattr(kiemtra, n), Exception)
    ]
    assert errors
    assert all(issubclass(e, kiemtra.KiemtraError) for e in errors)


def test_version_comes_from_metadata() -> None:
    """``__version__`` is the installed distribution's version."""
    from importlib.metadata import version

    assert kiemtra.__version__ == version("kiemtra")
