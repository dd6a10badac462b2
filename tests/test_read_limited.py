"""``guards.read_limited`` reads what fstat says is there, and the rest (up to the limit) when there is more."""

from __future__ import annotations

import os

import pytest

from gklint.read import guards
from gklint.read.errors import ReadError


def _reporting(real, size):
    """``os.stat``/``os.fstat`` that report ``size`` bytes: a file that grew since, or a file system that says 0."""
    def stat(*args, **kwargs):
        st = real(*args, **kwargs)
        return os.stat_result((*st[:6], size, *st[7:]))
    return stat


def _read(monkeypatch, path, reported, limits=guards.DEFAULT, stat=False):
    with monkeypatch.context() as patch:
        if reported is not None:
            patch.setattr(os, "fstat", _reporting(os.fstat, reported))
            if stat:
                patch.setattr(os, "stat", _reporting(os.stat, reported))
        return guards.read_limited(str(path), limits)


@pytest.mark.parametrize("reported", [0, 1, 5, None])  # None: the true size
@pytest.mark.parametrize("size", [1, 10, 4096, 10_000])
def test_a_file_is_read_whole_whatever_size_fstat_reported(tmp_path, monkeypatch, reported, size):
    path = tmp_path / "f.json"
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    path.write_bytes(data)
    assert _read(monkeypatch, path, reported) == data


@pytest.mark.parametrize("reported", [0, 10, 100, None])
def test_a_file_past_the_limit_is_refused_whatever_size_the_file_system_reported(tmp_path, monkeypatch, reported):
    path = tmp_path / "f.json"
    path.write_bytes(b"{" + b" " * 200)
    with pytest.raises(ReadError, match="文件过大"):
        _read(monkeypatch, path, reported, guards.Limits(max_bytes=100), stat=True)
