"""The CLI through click's CliRunner: exit codes and the exact text a person sees."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from playlister.cli import cli

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def her_smell(tmp_path: Path) -> Path:
    """A copy of the real Her Smell tracklist in a scratch directory."""
    path = tmp_path / "tracks.toml"
    shutil.copy(REPO / "tracks.toml", path)
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_check_summarises_a_valid_list(her_smell: Path) -> None:
    code, out = run("check", str(her_smell))
    assert code == 0
    assert out == (
        f"{her_smell}: 13 songs, all valid; tags: film 4, influence 11, interview 1; "
        "2 with a version wanted; 1 with a YouTube link; 0 pinned.\n"
    )


def test_check_defaults_to_tracks_toml_in_the_current_directory(
    her_smell: Path, monkeypatch
) -> None:
    monkeypatch.chdir(her_smell.parent)
    code, out = run("check")
    assert code == 0
    assert out.startswith("tracks.toml: 13 songs, all valid")


def test_check_names_file_line_entry_and_field_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "tracks.toml"
    path.write_text('[[track]]\ntitle = "Blue"\nartist = "Elastica"\nyeer = 1995\n')
    code, out = run("check", str(path))
    assert code == 1
    assert out == (
        f"Error: {path}, line 4, track 1 (\"Blue\"), field 'yeer': unknown key; "
        "did you mean 'year'?\n"
    )


def test_check_missing_file(tmp_path: Path) -> None:
    code, out = run("check", str(tmp_path / "nope.toml"))
    assert code == 1
    assert out == (
        f"Error: {tmp_path / 'nope.toml'}: no such file. Create it (see 'The tracklist' in the "
        "README) or pass its path.\n"
    )


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_notes_prints_every_song_in_each_format(her_smell: Path, fmt: str) -> None:
    code, out = run("notes", str(her_smell), "--format", fmt)
    assert code == 0
    for title in (
        "The Shame",
        "Journey to the End of the East Bay",
        "Hollywood Dream",
        "Another Girl, Another Planet",
        "Heaven",
    ):
        assert title in out
    assert "https://www.youtube.com/watch?v=Ew7QoNGHung" in out


def test_notes_writes_a_file_and_says_so(her_smell: Path) -> None:
    target = her_smell.parent / "notes.html"
    result = CliRunner().invoke(
        cli, ["notes", str(her_smell), "--format", "html", "-o", str(target)]
    )
    assert result.exit_code == 0
    assert result.output == f"Wrote the liner notes (html) to {target}.\n"
    html = target.read_text()
    assert html.startswith("<!doctype html>")
    assert "Don’t Cry" in html


def test_notes_tag_filter_and_unknown_tag(her_smell: Path) -> None:
    code, out = run("notes", str(her_smell), "--tag", "film", "--format", "markdown")
    assert code == 0
    assert len(re.findall(r"^## \d+\. ", out, flags=re.M)) == 4
    assert "## 1. Because You’re Young — Cock Sparrer" in out
    assert "Tell the World" not in out
    code, out = run("notes", str(her_smell), "--tag", "flim")
    assert code == 1
    assert out == (
        f"Error: {her_smell}: no song has the tag 'flim'; tags in use: film, influence, interview\n"
    )


def test_notes_rejects_an_unknown_format(her_smell: Path) -> None:
    code, out = run("notes", str(her_smell), "--format", "pdf")
    assert code == 2
    assert "Invalid value for '--format': 'pdf' is not one of 'text', 'markdown', 'html'." in out


def test_audit_before_any_match_says_what_to_do(her_smell: Path) -> None:
    code, out = run("audit", str(her_smell))
    assert code == 1
    assert out == (
        f"Error: Nothing has been matched yet for {her_smell} (no entries in "
        f"{her_smell.with_name('tracks.lock')}). Run `playlister match` first.\n"
    )


def test_readme_commands_are_the_ones_ci_runs() -> None:
    readme = (REPO / "README.md").read_text()
    ci = (REPO / ".ci" / "run").read_text()
    blocks = re.findall(r"```sh\n(.+?)\n```", readme)
    assert blocks[:2] == [
        "pip install . && playlister notes",
        "pip install '.[test]' && pytest && mypy",
    ]
    assert blocks[0] in ci and blocks[1] in ci


def test_match_without_credentials_says_what_to_set(her_smell: Path) -> None:
    result = CliRunner().invoke(cli, ["match", str(her_smell)])
    assert result.exit_code == 1
    assert result.output.endswith(
        "Error: Spotify app credentials are missing: set SPOTIPY_CLIENT_ID and "
        "SPOTIPY_CLIENT_SECRET (in the environment or in a .env file in this directory), from "
        "your app in the Spotify developer dashboard. See the README section "
        '"Setting up Spotify".\n'
    )
    assert not her_smell.with_name("tracks.lock").exists()


def test_logout_when_not_logged_in() -> None:
    code, out = run("logout")
    assert (code, out) == (0, "Not logged in: there was no cached Spotify login.\n")


def test_create_rejects_a_cover_that_is_not_a_jpeg_before_any_request(
    her_smell: Path, monkeypatch
) -> None:
    monkeypatch.setenv("PLAYLISTER_ACCESS_TOKEN", "t")
    cover = her_smell.parent / "cover.jpg"
    cover.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    result = CliRunner().invoke(cli, ["create", str(her_smell), "--cover", str(cover)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {cover}")
    assert "JPEG" in result.output
