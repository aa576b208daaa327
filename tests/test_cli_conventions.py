"""CLI conventions: exit statuses in --help, a bare `playlister`, `match --strict`, the notes'
format from the file name, versioned JSON with every count, plurals, `playlister init`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fake_catalog import CatalogSearch, make_track

from playlister import app
from playlister.cli import cli
from playlister.config import Settings

COMMANDS = ["check", "notes", "match", "audit", "create", "import", "login", "logout", "init"]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def stdout(*args: str) -> str:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False).stdout


@pytest.fixture
def two_songs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two songs matched in the lockfile: one cleanly, one by a live stand-in."""
    path = tmp_path / "tracks.toml"
    path.write_text(
        '[playlist]\nname = "T"\n\n[[track]]\ntitle = "Song 1"\nartist = "Band 1"\n'
        '\n[[track]]\ntitle = "Song 2"\nartist = "Band 2"\n'
    )
    catalog = [
        make_track(f"{1:022d}", "Song 1", "Band 1", "Album 1", 1990),
        make_track(f"{2:022d}", "Song 2 - Live", "Band 2", "Album 2", 1990),
    ]
    app.match(path, Settings.from_env({}), catalog_factory=lambda: CatalogSearch(catalog))
    monkeypatch.chdir(tmp_path)
    return path


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_has_an_exit_status_section(command):
    code, out = run(command, "--help")
    assert code == 0
    section = out.split("Exit status:\n", 1)[1]
    lines = [ln.strip() for ln in section.splitlines()]
    assert lines[0].startswith("0  ")
    assert any(ln.startswith("2  a usage error") for ln in lines)
    if command not in ("logout",):
        assert any(ln.startswith("1  ") for ln in lines)


def test_a_bare_playlister_shows_the_commands_and_exits_0():
    result = CliRunner().invoke(cli, [], prog_name="playlister")
    assert result.exit_code == 0
    assert result.output.startswith("Usage: playlister [OPTIONS] [COMMAND] [ARGS]...\n")
    assert "playlister init " in result.output


def test_match_strict_fails_unless_every_entry_is_a_clean_match(two_songs):
    assert run("match")[0] == 0
    code, out = run("match", "--strict")
    assert code == 1
    assert out.endswith(
        "2 songs, 1 matched, 1 substitute: ok (0 search requests; 2 from tracks.lock)\n"
    )


@pytest.mark.parametrize(
    "name, starts", [("notes.html", "<!doctype html>"), ("notes.md", "# T"), ("notes.txt", "T\n")]
)
def test_notes_take_the_format_from_the_file_name(two_songs, name, starts):
    code, out = run("notes", "-o", name)
    assert code == 0, out
    fmt = {"html": "html", "md": "markdown", "txt": "text"}[name.rsplit(".", 1)[1]]
    assert out == f"Wrote the liner notes ({fmt}) to {name}.\n"
    assert Path(name).read_text().startswith(starts)


def test_notes_refuse_a_format_the_file_name_contradicts(two_songs):
    code, out = run("notes", "--format", "text", "-o", "notes.html")
    assert (code, out) == (
        1,
        "Error: notes.html: --format text but the name says html. Drop "
        "--format (the extension decides) or name the file for text.\n",
    )
    assert not Path("notes.html").exists()


@pytest.mark.parametrize("command", ["match", "audit"])
def test_json_documents_carry_a_schema_and_every_count(two_songs, command):
    doc = json.loads(stdout(command, "--json"))
    assert list(doc)[0] == "schema" and doc["schema"] == 1
    assert doc["summary"] == {
        "matched": 1,
        "substitute": 1,
        "review": 0,
        "missing": 0,
        "not matched": 0,
    }
    assert [t["status"] for t in doc["tracks"]] == ["matched", "substitute"]


def test_match_and_audit_json_share_their_keys(two_songs):
    match = json.loads(stdout("match", "--json"))
    audit = json.loads(stdout("audit", "--json"))
    assert match["tracks"] == audit["tracks"]
    assert set(match) - set(audit) == {"search_requests", "reused"}
    assert set(audit) - set(match) == {"play_all", "exit_code"}


def test_one_song_is_one_song(tmp_path, monkeypatch):
    path = tmp_path / "tracks.toml"
    path.write_text('[playlist]\nname = "T"\n\n[[track]]\ntitle = "Song 1"\nartist = "Band 1"\n')
    catalog = [make_track(f"{1:022d}", "Song 1", "Band 1", "Album 1", 1990)]
    app.match(path, Settings.from_env({}), catalog_factory=lambda: CatalogSearch(catalog))
    monkeypatch.chdir(tmp_path)
    assert run("match")[1].endswith(
        "1 song, 1 matched: ok (0 search requests; 1 from tracks.lock)\n"
    )
    app.match(
        path, Settings.from_env({}), refresh=True, catalog_factory=lambda: CatalogSearch(catalog)
    )
    assert (
        run("check")[1] == "tracks.toml: 1 song, all valid; 0 with a version wanted; 0 "
        "with a YouTube link; 0 pinned.\n"
    )


def test_init_writes_a_commented_starter_that_checks(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out = run("init")
    assert (code, out) == (
        0,
        "Wrote a starter tracklist to tracks.toml: put your songs in it, "
        "then `playlister check`.\n",
    )
    text = Path("tracks.toml").read_text()
    assert text.startswith("# A playlister tracklist.")
    assert "# version = " in text and "# youtube = " in text  # every key shown, commented
    assert run("check") == (
        0,
        "tracks.toml: 2 songs, all valid; 0 with a version wanted; 0 "
        "with a YouTube link; 0 pinned.\n",
    )
    assert run("notes")[0] == 0


def test_init_never_overwrites(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("tracks.toml").write_text("mine")
    code, out = run("init")
    assert code == 1
    assert out == (
        "Error: tracks.toml already exists; nothing was written. Edit it, or give "
        "another name: playlister init lists/new.toml\n"
    )
    assert Path("tracks.toml").read_text() == "mine"
