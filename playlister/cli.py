"""The command line: parse arguments, call the library, print. Nothing else lives here."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from spotipy.exceptions import SpotifyBaseException, SpotifyException, SpotifyOauthError

from playlister import __version__, lockfile, report
from playlister import tracklist as tracklist_mod
from playlister.errors import PlaylisterError

TRACKS_HELP = "The tracklist file (default: ./tracks.toml)."


def spotify_message(exc: SpotifyBaseException) -> str:
    """A readable line for an error spotipy raised past the library's own handling."""
    if isinstance(exc, SpotifyOauthError):
        return (
            f"Spotify login failed: {exc.error_description or exc.error or exc}. "
            "Check SPOTIPY_CLIENT_ID / SPOTIPY_CLIENT_SECRET, then run `playlister login`."
        )
    if isinstance(exc, SpotifyException):
        msg = (exc.msg or "").split("\n")[-1].strip() or "no details"
        return f"Spotify answered {exc.http_status}: {msg}"
    return f"Spotify error: {exc}"


class Group(click.Group):
    """Turns the library's errors, and spotipy's, into one-line ClickExceptions."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PlaylisterError as exc:
            raise click.ClickException(str(exc)) from exc
        except SpotifyBaseException as exc:
            raise click.ClickException(spotify_message(exc)) from exc


def tracks_argument(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.argument(
        "tracks", required=False, default="tracks.toml", type=click.Path(path_type=Path)
    )(f)


def tag_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--tag", "tags", multiple=True, metavar="TAG",
        help="Only songs with this tag (repeat for any of several).",
    )(f)


def width() -> int:
    return max(40, min(shutil.get_terminal_size((80, 24)).columns, 120))


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="playlister")
def cli() -> None:
    """Turn a curated list of songs into a Spotify playlist and a sheet of liner notes."""


@cli.command()
@tracks_argument
def check(tracks: Path) -> None:
    """Validate the tracklist and print a one-line summary."""
    tl = tracklist_mod.load(tracks)
    click.echo(tracklist_mod.summary(tl))


@cli.command()
@tracks_argument
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "html"]),
              default="text", show_default=True, help="Output format.")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help="Write to this file instead of standard output.")
@tag_option
def notes(tracks: Path, fmt: str, output: Path | None, tags: tuple[str, ...]) -> None:
    """Print the liner-notes sheet (offline; Spotify links once matched)."""
    from playlister.render import render_notes

    tl = tracklist_mod.load(tracks)
    lock = lockfile.load(lockfile.lock_path(tl.path))
    text = render_notes(tl, lock, fmt=fmt, tags=tags, width=width() if output is None else 80)
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
    else:
        lockfile.atomic_write(output, text)
        click.echo(f"Wrote the liner notes ({fmt}) to {output}.", err=True)


@cli.command()
@tracks_argument
@click.option("--market", metavar="CC", help="Country whose catalog to search (e.g. US, GB).")
@click.option("--refresh", is_flag=True, help="Search again even for entries already matched.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document instead.")
@tag_option
def match(tracks: Path, market: str | None, refresh: bool, as_json: bool,
          tags: tuple[str, ...]) -> None:
    """Match every entry against the Spotify catalog and write the lockfile."""
    from playlister.config import Settings
    from playlister.matching import match_tracklist
    from playlister.spotify import Catalog

    tl = tracklist_mod.load(tracks)
    settings = Settings.from_env()
    selected = tl.select(tags)
    with click.progressbar(length=len(selected), label="Matching", file=sys.stderr,
                           show_pos=True) as bar:
        run = match_tracklist(
            tl, lambda: Catalog(settings), market=market, refresh=refresh, tags=tags,
            progress=lambda _t, _e: bar.update(1),
        )
    rows = report.rows(tl, run.lock, tags)
    if as_json:
        click.echo(json.dumps(report.to_json(rows), indent=2, ensure_ascii=False))
        return
    click.echo(report.table(rows, width=width()))
    click.echo(
        f"{report.Audit(tuple(rows)).summary()} ({run.requests} search requests; "
        f"{run.reused} from {lockfile.lock_path(tl.path).name})"
    )


@cli.command()
@tracks_argument
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document instead.")
@click.option("--strict", is_flag=True, help="Fail on anything but a clean match.")
@tag_option
@click.pass_context
def audit(ctx: click.Context, tracks: Path, as_json: bool, strict: bool,
          tags: tuple[str, ...]) -> None:
    """List what is not a clean match, offline; exit 1 when a person must act."""
    tl = tracklist_mod.load(tracks)
    result = report.audit(tl, tags=tags, strict=strict)
    if as_json:
        doc = report.to_json(result.rows)
        doc.update(summary=dict(result.counts), play_all=result.play_all_url,
                   exit_code=result.exit_code)
        click.echo(json.dumps(doc, indent=2, ensure_ascii=False))
    else:
        click.echo(report.audit_text(result, width=width()))
    ctx.exit(result.exit_code)


@cli.command()
@tracks_argument
@click.option("--name", help="Playlist name (default: the tracklist's [playlist] name).")
@click.option("--public/--private", "public", default=None,
              help="Visibility (default: the tracklist's `public`).")
@tag_option
@click.option("--dry-run", is_flag=True, help="Print the plan; send no write.")
@click.option("--yes", "-y", is_flag=True, help="Apply without asking.")
@click.option("--prune", is_flag=True,
              help="Also remove tracks that are in the playlist but not in the tracklist.")
@click.option("--cover", type=click.Path(path_type=Path, dir_okay=False),
              help="A JPEG to upload as the cover (at most 256 KB once base64-encoded).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document at the end.")
def create(tracks: Path, name: str | None, public: bool | None, tags: tuple[str, ...],
           dry_run: bool, yes: bool, prune: bool, cover: Path | None, as_json: bool) -> None:
    """Create the Spotify playlist, or bring the one made before in step with the tracklist."""
    from playlister.config import Settings
    from playlister.spotify import Catalog, UserApi
    from playlister.sync import Plan, create_or_sync

    tl = tracklist_mod.load(tracks)
    settings = Settings.from_env()
    lock = lockfile.load(lockfile.lock_path(tl.path))
    to_err = as_json  # keep stdout for the JSON document

    def show(plan: Plan) -> None:
        click.echo(f"{name or tl.playlist.name}: {plan.summary()}", err=to_err)
        for line in plan.describe(limit=20):
            click.echo(line, err=to_err)

    def confirm(plan: Plan) -> bool:
        show(plan)
        return yes or click.confirm("Apply?", default=False, err=True)

    def confirm_recreate(message: str) -> bool:
        click.echo(message, err=True)
        return yes or click.confirm("Create it?", default=False, err=True)

    result = create_or_sync(
        tl, lock, UserApi(settings), confirm=confirm, confirm_recreate=confirm_recreate,
        catalog_factory=lambda: Catalog(settings), name=name, public=public, tags=tags,
        prune=prune, dry_run=dry_run, cover=cover,
    )
    if dry_run:
        show(result.plan)
        click.echo("Dry run: nothing was sent to Spotify.", err=to_err)
    elif not result.applied and not result.plan.is_empty:
        click.echo("Nothing was changed.", err=to_err)
    elif result.plan.is_empty and not result.created:
        click.echo("The playlist is already in step with the tracklist.", err=to_err)
    if result.applied:
        for field_name, (old, new) in result.details.items():
            click.echo(f"Updated the {field_name}: {old!r} → {new!r}", err=to_err)
    if result.missing:
        click.echo(f"Not on Spotify ({len(result.missing)}):", err=to_err)
        for track, url in result.missing:
            click.echo(f"  {track.title} — {track.artist}: {url}", err=to_err)
    if result.review:
        click.echo(f"Left out, waiting for review ({len(result.review)}): "
                   + "; ".join(t.title for t in result.review)
                   + " (see `playlister audit`)", err=to_err)
    if as_json:
        click.echo(json.dumps(result.as_json(), indent=2, ensure_ascii=False))
    elif result.url:
        click.echo(result.url)


@cli.command()
@click.option("--no-browser", is_flag=True,
              help="Print the login URL and read the redirect URL you paste back.")
@click.option("--timeout", type=click.FloatRange(min=1), default=120, show_default=True,
              help="Seconds to wait for the browser to come back.")
def login(no_browser: bool, timeout: float) -> None:
    """Log in to Spotify (needed by `create`); the token is cached in your config dir."""
    from playlister.auth import login as do_login
    from playlister.config import Settings

    def read_redirect(url: str) -> str:
        click.echo("Open this URL in a browser, log in, then paste the address you land on:")
        click.echo(url)
        return click.prompt("Redirect URL", prompt_suffix=": ").strip()

    user = do_login(Settings.from_env(), open_browser=not no_browser, timeout=timeout,
                    read_redirect=read_redirect)
    name = user.get("display_name") or user.get("id", "?")
    click.echo(f"Logged in to Spotify as {name}.")


@cli.command()
def logout() -> None:
    """Forget the cached Spotify login."""
    from playlister.auth import logout as do_logout
    from playlister.config import Settings

    if do_logout(Settings.from_env()):
        click.echo("Logged out: the cached Spotify login was removed.")
    else:
        click.echo("Not logged in: there was no cached Spotify login.")


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="playlister")
