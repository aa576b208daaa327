"""Exportify CSV files and a Spotify playlist's own tracks: pinned entries for the draft."""

from __future__ import annotations

from pathlib import Path

import pytest

from playlister.importer import SourceError, from_spotify_items, import_source, playlist_id_from_url
from playlister.tracklist import load

CSV = (
    "Track URI,Track Name,Album Name,Artist Name(s),Release Date,Duration (ms),Popularity,"
    "Added By\n"
    "spotify:track:4uLU6hMCjMI75M1A2tKUQC,Blue,Elastica,Elastica,1995-03-13,191000,40,me\n"
    'spotify:track:2nL2qn9LtfQZ9V6lKFzkCa,"Fuck and Run - Live",Exile in Guyville,'
    "Liz Phair,1993,181000,30,me\n"
    "spotify:local:::Demo:200,Demo,,Someone,,200000,0,me\n"
)


def test_exportify_csv_gives_pinned_entries(tmp_path: Path) -> None:
    path = tmp_path / "liked.csv"
    path.write_text(CSV, encoding="utf-8")
    result = import_source(str(path))
    assert [(s.title, s.artist, s.album, s.year, s.spotify, s.version) for s in result.songs] == [
        ("Blue", "Elastica", "Elastica", 1995, "spotify:track:4uLU6hMCjMI75M1A2tKUQC", None),
        (
            "Fuck and Run",
            "Liz Phair",
            "Exile in Guyville",
            1993,
            "spotify:track:2nL2qn9LtfQZ9V6lKFzkCa",
            "Live",
        ),
        ("Demo", "Someone", None, None, None, None),
    ]
    assert result.left_out[0].reason == (
        "not pinned: 'spotify:local:::Demo:200' is not a Spotify track URI (a local file?)"
    )
    draft = tmp_path / "draft.toml"
    draft.write_text(result.toml, encoding="utf-8")
    tracks = load(draft).tracks
    assert tracks[0].duration_ms == 191000
    assert "# from: row 2 of liked.csv" in result.toml


def test_columns_in_any_order_with_extras(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("Artist Name(s),Extra,Track Name\nPulp,1,Common People\n", encoding="utf-8")
    assert [(s.title, s.artist) for s in import_source(str(path)).songs] == [
        ("Common People", "Pulp")
    ]


def test_a_csv_that_is_not_exportify(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(SourceError) as err:
        import_source(str(path))
    assert str(err.value) == (
        f"{path.name}: is a CSV without 'Track Name' and "
        "'Artist Name(s)' columns (is it an Exportify export?)."
    )


ITEMS = [
    {
        "track": {
            "type": "track",
            "name": "Blue - Live at Glastonbury 1995",
            "artists": [{"name": "Elastica"}],
            "album": {"name": "Live", "release_date": "2001-05-01"},
            "uri": "spotify:track:4uLU6hMCjMI75M1A2tKUQC",
            "duration_ms": 190000,
        }
    },
    {
        "track": {
            "type": "track",
            "name": "Don't Cry - Original",
            "artists": [{"name": "Guns N' Roses"}],
            "album": {"name": "Use Your Illusion I"},
            "uri": "spotify:track:2nL2qn9LtfQZ9V6lKFzkCa",
        }
    },
    {"track": None},
    {"track": {"type": "episode", "name": "A podcast", "artists": []}},
]


def test_a_spotify_playlist_becomes_a_pinned_draft(tmp_path: Path) -> None:
    result = from_spotify_items(ITEMS, "Mine")
    assert [(s.title, s.artist, s.version, s.year, s.spotify) for s in result.songs] == [
        (
            "Blue",
            "Elastica",
            "Live at Glastonbury 1995",
            2001,
            "spotify:track:4uLU6hMCjMI75M1A2tKUQC",
        ),
        ("Don't Cry", "Guns N' Roses", None, None, "spotify:track:2nL2qn9LtfQZ9V6lKFzkCa"),
    ]
    assert [(x.text, x.reason) for x in result.left_out] == [
        ("item 3", "unavailable: no track data"),
        ("item 4 (A podcast)", "an episode, not a song"),
    ]
    draft = tmp_path / "d.toml"
    draft.write_text(result.toml, encoding="utf-8")
    assert load(draft).playlist.name == "Mine"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://open.spotify.com/playlist/37i9dQZF1DXcBWIGoYBM5M", "37i9dQZF1DXcBWIGoYBM5M"),
        (
            "https://open.spotify.com/playlist/37i9dQZF1DXcBWIGoYBM5M?si=abc",
            "37i9dQZF1DXcBWIGoYBM5M",
        ),
        (
            "https://open.spotify.com/intl-de/playlist/37i9dQZF1DXcBWIGoYBM5M",
            "37i9dQZF1DXcBWIGoYBM5M",
        ),
        ("spotify:playlist:37i9dQZF1DXcBWIGoYBM5M", "37i9dQZF1DXcBWIGoYBM5M"),
        ("https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC", None),
        ("https://example.org/playlist/37i9dQZF1DXcBWIGoYBM5M", None),
        ("not a url", None),
    ],
)
def test_playlist_id_from_url(url: str, expected: str | None) -> None:
    assert playlist_id_from_url(url) == expected
