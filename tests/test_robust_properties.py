"""Property-based: arbitrary text and TOML never make the parsers raise anything but their
own errors (which the CLI prints as one line)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from playlister import lockfile
from playlister.errors import LockfileError, TracklistError
from playlister.match.versions import split_title, version_kinds
from playlister.tracklist import TRACK_KEYS, load

FAST = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

scalars = st.one_of(st.text(), st.integers(), st.floats(allow_nan=True), st.booleans(), st.none())
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def toml_doc(data: dict) -> str:
    """``data`` as TOML, dropping what TOML can't hold (None)."""

    def clean(v):
        if isinstance(v, dict):
            return {k: clean(x) for k, x in v.items() if x is not None}
        if isinstance(v, list):
            return [clean(x) for x in v if x is not None]
        return v

    return tomli_w.dumps(clean(data))


_DIR = Path(tempfile.mkdtemp(prefix="playlister-properties-"))  # one file, rewritten per case


def write(text: str | bytes, name: str) -> Path:
    path = _DIR / name
    path.write_bytes(text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text)
    return path


@FAST
@given(st.text())
def test_any_text_as_a_tracklist_is_loaded_or_one_tracklist_error(text):
    try:
        load(write(text, "tracks.toml"))
    except TracklistError as exc:
        assert str(exc)


@pytest.mark.slow
@FAST
@given(
    st.lists(
        st.dictionaries(st.sampled_from(TRACK_KEYS + ("extra",)), values, max_size=6), max_size=4
    ),
    st.dictionaries(st.sampled_from(("name", "description", "public")), values),
)
def test_any_toml_tracklist_is_loaded_or_one_tracklist_error(tracks, playlist):
    try:
        text = toml_doc({"playlist": playlist, "track": tracks})
    except (TypeError, ValueError):  # not expressible in TOML: nothing to test
        return
    try:
        tl = load(write(text, "tracks.toml"))
    except TracklistError as exc:
        assert "\x1b" not in str(exc)
    else:
        assert all(t.title.strip() and t.artist.strip() for t in tl.tracks)


@FAST
@given(st.binary(max_size=300))
def test_any_bytes_as_a_lockfile_are_loaded_or_one_lockfile_error(data):
    try:
        lockfile.load(write(data, "tracks.lock"))
    except LockfileError as exc:
        assert str(exc)


entry_keys = st.sampled_from(
    (
        "key",
        "title",
        "artist",
        "version",
        "status",
        "uri",
        "score",
        "reason",
        "checked",
        "match",
        "alternatives",
        "pinned",
    )
)


@pytest.mark.slow
@FAST
@given(
    st.lists(st.dictionaries(entry_keys, values, max_size=12), max_size=3),
    st.one_of(st.just(1), values),
)
def test_any_toml_lockfile_is_loaded_or_one_lockfile_error(entries, version):
    try:
        text = toml_doc({"version": version, "entry": entries})
    except (TypeError, ValueError):
        return
    try:
        lock = lockfile.load(write(text, "tracks.lock"))
    except LockfileError as exc:
        assert str(exc)
    else:
        assert all(
            e.uri is None or e.uri.startswith("spotify:track:") for e in lock.entries.values()
        )


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_the_title_parser_takes_any_text(text):
    title = split_title(text)
    assert isinstance(title.core, str) and isinstance(title.decorations, tuple)
    assert isinstance(version_kinds(text), frozenset)
