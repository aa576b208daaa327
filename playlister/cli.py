"""The command line: parse options, call one command of ``playlister.app``, print its result."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from playlister import __version__, app
from playlister.errors import Interrupted, PlaylisterError
from playlister.logs import quiet_spotipy_logging
from playlister.terminal import json_safe, printable

if TYPE_CHECKING:
    from playlister.config import Settings

TRACKS_HELP = "TRACKS is the tracklist file (default: ./tracks.toml)."
# The version of every --json document's layout: raised when a key changes meaning or goes.
JSON_SCHEMA = 1
ENVIRONMENT = """\b
Environment (or a .env file in the working directory):
  SPOTIPY_CLIENT_ID, SPOTIPY_CLIENT_SECRET   your Spotify app (match, create, login)
  SPOTIPY_REDIRECT_URI     login callback (default http://127.0.0.1:8888/callback)
  PLAYLISTER_ACCESS_TOKEN  a user token used as is (CI, scripts)
  PLAYLISTER_HOME          where token caches live (default: your config dir)
  PLAYLISTER_API_URL, PLAYLISTER_AUTH_URL   point at a proxy or a local stand-in
"""


def settings() -> Settings:
    """The settings from the environment and ``.env`` (read only by commands that use them)."""
    from playlister import config

    return config.Settings.from_env()


def spotify_error(exc: Exception) -> str | None:
    """A readable line if ``exc`` is an error spotipy raised past the library's own handling.

    spotipy is looked up, not imported: a command that never loaded it cannot have raised it.
    """
    exceptions = sys.modules.get("spotipy.exceptions")
    if exceptions is None or not isinstance(exc, exceptions.SpotifyBaseException):
        return None
    return spotify_message(exc)


def spotify_message(exc: Exception) -> str:
    """A readable line for an error spotipy raised past the library's own handling."""
    from spotipy.exceptions import SpotifyException, SpotifyOauthError

    if isinstance(exc, SpotifyOauthError):
        return (
            f"Spotify login failed: {exc.error_description or exc.error or exc}. "
            "Check SPOTIPY_CLIENT_ID / SPOTIPY_CLIENT_SECRET, then run `playlister login`."
        )
    if isinstance(exc, SpotifyException):
        msg = (exc.msg or "").split("\n")[-1].strip() or "no details"
        return f"Spotify answered {exc.http_status}: {msg}"
    return f"Spotify error: {exc}"


def stopped_message(exc: BaseException) -> str:
    """What a person sees after Ctrl-C or SIGTERM: what was kept, and how to go on."""
    if isinstance(exc, Interrupted) and exc.kept is not None:
        entries = "entry" if exc.kept == 1 else "entries"
        return (
            f"Stopped: {exc.kept} {entries} kept in {exc.lock_name}, {exc.left} left to "
            "match. Run the same command again to go on."
        )
    return "Stopped."


class Group(click.Group):
    """Turns the library's errors, and spotipy's, into one-line ClickExceptions.

    Ctrl-C and SIGTERM end with what was kept and exit 130 / 143; a closed pipe
    (``playlister match | head -2``) ends quietly with 141, as a tool killed by SIGPIPE does.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PlaylisterError as exc:
            raise click.ClickException(printable(str(exc))) from exc
        except KeyboardInterrupt as exc:
            _stop(ctx, exc)
        except click.Abort as exc:
            if isinstance(exc.__context__, KeyboardInterrupt):  # a signal at a prompt
                _stop(ctx, exc.__context__)
            raise
        except BrokenPipeError:
            _silence_output()
            ctx.exit(128 + signal.SIGPIPE)
        except Exception as exc:
            message = spotify_error(exc)
            if message is None:
                raise
            raise click.ClickException(printable(message)) from exc


def _stop(ctx: click.Context, exc: KeyboardInterrupt) -> None:
    with suppress(OSError):
        click.echo(f"\n{stopped_message(exc)}", err=True)
    ctx.exit(exc.exit_code if isinstance(exc, Interrupted) else 130)


def _silence_output() -> None:
    """Point stdout and stderr at /dev/null so the interpreter's final flush can't fail."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):  # ValueError: not a real file (under CliRunner)
            os.dup2(devnull, stream.fileno())
    os.close(devnull)


def _on_signal(signum: int, frame: object) -> None:
    # Only once: a second Ctrl-C while the first stop saves the lockfile must not cut it short.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise Interrupted(signum)


def install_signal_handlers() -> None:
    """SIGTERM stops a run the way Ctrl-C does (saving what was done), not on the spot."""
    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)


def tracks_argument(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.argument(
        "tracks", required=False, default="tracks.toml", type=click.Path(path_type=Path)
    )(f)


def tag_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--tag",
        "tags",
        multiple=True,
        metavar="TAG",
        help="Only songs with this tag (repeat for any of several).",
    )(f)


def market_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--market", metavar="CC", help="Country whose catalog to search (e.g. US, GB)."
    )(f)


def width() -> int:
    return max(40, min(shutil.get_terminal_size((80, 24)).columns, 120))


def echo_lines(lines: list[str], *, err: bool = False) -> None:
    """Print lines for a person: text from Spotify or an article loses its control characters."""
    for line in lines:
        click.echo(printable(line), err=err)


def echo_json(document: dict[str, Any]) -> None:
    """Print one ``--json`` document, its ``schema`` version first; characters a terminal
    might act on are escaped."""
    document = {"schema": JSON_SCHEMA, **document}
    click.echo(json_safe(json.dumps(document, indent=2, ensure_ascii=False)))


@contextmanager
def progress_bar(total: int) -> Iterator[Callable[[], None]]:
    """The "Matching" bar on standard error, moved once per finished entry."""
    with click.progressbar(length=total, label="Matching", file=sys.stderr, show_pos=True) as bar:
        yield lambda: bar.update(1)


@click.group(
    cls=Group,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=ENVIRONMENT,
    invoke_without_command=True,
)
@click.version_option(__version__, prog_name="playlister")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Turn a curated list of songs into a Spotify playlist and a sheet of liner notes.

    \b
    playlister init                   write a commented starter tracks.toml
    playlister check                  validate tracks.toml
    playlister notes                  print the liner notes (offline)
    playlister match                  find every song on Spotify (writes tracks.lock)
    playlister audit                  what is not a clean match; exit 1 if a person must act
    playlister review                 settle each doubtful entry in the terminal
    playlister pin N URI              pin a Spotify track for entry N (or --none)
    playlister create                 make the playlist, or bring it in step
    playlister import ARTICLE         draft a tracklist from an article
    """
    if ctx.invoked_subcommand is None:  # a bare `playlister` asks what there is: not an error
        click.echo(ctx.get_help())


@cli.command(
    epilog=f"{TRACKS_HELP}\n\n\b\nExamples:\n  playlister check\n"
    "  playlister check lists/her-smell.toml --tag film"
)
@tracks_argument
@tag_option
def check(tracks: Path, tags: tuple[str, ...]) -> None:
    """Validate the tracklist and print a one-line summary."""
    echo_lines(app.check(tracks, tags=tags).lines())


@cli.command(
    epilog=f"{TRACKS_HELP}\n\n\b\nExamples:\n"
    "  playlister notes --format html -o her-smell.html\n"
    "  playlister notes --format markdown --tag film"
)
@tracks_argument
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "html"]),
    help="Output format (default: the -o file's extension, e.g. notes.html, else text).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write to this file instead of standard output.",
)
@tag_option
def notes(tracks: Path, fmt: str | None, output: Path | None, tags: tuple[str, ...]) -> None:
    """Print the liner-notes sheet (offline; Spotify links once matched)."""
    result = app.notes(
        tracks, fmt=fmt, output=output, tags=tags, width=width() if output is None else 80
    )
    if output is None:
        click.echo(printable(result.text), nl=not result.text.endswith("\n"))
    echo_lines(result.lines(), err=True)


@cli.command(
    epilog=f"{TRACKS_HELP}\n\n\b\nExamples:\n  playlister match --market GB\n"
    "  playlister match --refresh --json > matches.json"
)
@tracks_argument
@market_option
@click.option("--refresh", is_flag=True, help="Search again even for entries already matched.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document instead.")
@click.option("--strict", is_flag=True, help="Exit 1 unless every entry is a clean match.")
@tag_option
@click.pass_context
def match(
    ctx: click.Context,
    tracks: Path,
    market: str | None,
    refresh: bool,
    as_json: bool,
    strict: bool,
    tags: tuple[str, ...],
) -> None:
    """Match every entry against the Spotify catalog and write the lockfile."""
    result = app.match(
        tracks, settings(), market=market, refresh=refresh, tags=tags, progress=progress_bar
    )
    if as_json:
        echo_json(result.as_json())
    else:
        echo_lines(result.lines(width=width()))
    ctx.exit(result.exit_code(strict=strict))


@cli.command(
    epilog=f"{TRACKS_HELP}\n\n\b\nExamples:\n  playlister audit\n"
    "  playlister audit --strict --json   # in CI"
)
@tracks_argument
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document instead.")
@click.option("--strict", is_flag=True, help="Fail on anything but a clean match.")
@tag_option
@click.pass_context
def audit(
    ctx: click.Context, tracks: Path, as_json: bool, strict: bool, tags: tuple[str, ...]
) -> None:
    """List what is not a clean match, offline; exit 1 when a person must act."""
    result = app.audit(tracks, tags=tags, strict=strict)
    if as_json:
        echo_json(result.as_json())
    else:
        echo_lines(result.lines(width=width()))
    ctx.exit(result.exit_code)


@cli.command(
    epilog=f"{TRACKS_HELP}\n\n\b\nExamples:\n  playlister create --dry-run\n"
    "  playlister create --yes --cover cover.jpg"
)
@tracks_argument
@click.option("--name", help="Playlist name (default: the tracklist's [playlist] name).")
@click.option(
    "--public/--private",
    "public",
    default=None,
    help="Visibility (default: the tracklist's `public`).",
)
@tag_option
@market_option
@click.option("--dry-run", is_flag=True, help="Print the plan; send no write.")
@click.option("--yes", "-y", is_flag=True, help="Apply without asking.")
@click.option(
    "--prune",
    is_flag=True,
    help="Also remove tracks that are in the playlist but not in the tracklist.",
)
@click.option(
    "--cover",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A JPEG to upload as the cover (at most 256 KB once base64-encoded).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document at the end.")
def create(
    tracks: Path,
    name: str | None,
    public: bool | None,
    tags: tuple[str, ...],
    market: str | None,
    dry_run: bool,
    yes: bool,
    prune: bool,
    cover: Path | None,
    as_json: bool,
) -> None:
    """Create the Spotify playlist, or bring the one made before in step with the tracklist."""

    def confirm(plan: list[str], question: str) -> bool:
        echo_lines(plan, err=as_json)
        return yes or click.confirm(question, default=False, err=True)

    def confirm_recreate(message: str) -> bool:
        click.echo(printable(message), err=True)
        return yes or click.confirm("Create it?", default=False, err=True)

    options = app.CreateOptions(
        name=name,
        public=public,
        tags=tags,
        market=market,
        prune=prune,
        dry_run=dry_run,
        cover=cover,
    )
    result = app.create(
        tracks,
        settings(),
        options,
        confirm=confirm,
        confirm_recreate=confirm_recreate,
        progress=progress_bar,
    )
    echo_lines(result.lines(), err=as_json)  # keep stdout for the JSON document
    if as_json:
        echo_json(result.as_json())
    elif result.url:
        click.echo(result.url)


@cli.command(
    epilog=f"{TRACKS_HELP}\n\n\b\nKeys, for each entry:\n"
    "  1-5  pin that candidate       s  skip\n"
    "  e    search with your words   u  paste a Spotify link\n"
    "  n    not on Spotify           y  give the YouTube video\n"
    "  q    quit (choices so far are kept)\n\n\b\nExamples:\n"
    "  playlister review\n  playlister review lists/her-smell.toml --tag film"
)
@tracks_argument
@tag_option
def review(tracks: Path, tags: tuple[str, ...]) -> None:
    """Settle every doubtful entry in the terminal; choices go into the tracklist."""

    def ask(prompt: str) -> str:
        try:
            return str(click.prompt(prompt, default="", show_default=False, prompt_suffix=" "))
        except click.Abort as exc:
            if isinstance(exc.__context__, KeyboardInterrupt):
                raise exc.__context__ from None
            return "q"  # end of input (Ctrl-D): quit, keeping what was chosen

    result = app.review(
        tracks,
        settings(),
        ask=ask,
        say=lambda line: echo_lines([line]),
        tags=tags,
        terminal=sys.stdin.isatty() and sys.stdout.isatty(),
        progress=progress_bar,
    )
    echo_lines(result.lines())


@cli.command(
    epilog="\b\nENTRY is the entry's number (as `playlister audit` shows it) or its "
    "title.\n\n\b\nExamples:\n"
    "  playlister pin 3 https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC\n"
    "  playlister pin Blue spotify:track:3n4ECRv8YJmTXbvsdFxbNn --stand-in\n"
    "  playlister pin 7 --none\n"
    "  playlister pin 7 --none --tracks lists/her-smell.toml"
)
@click.argument("entry")
@click.argument("uri", required=False)
@click.option("--none", "none", is_flag=True, help="Record that the song is not on Spotify.")
@click.option(
    "--stand-in/--as-wanted",
    "stand_in",
    default=None,
    help="Pin the track as standing in for the version asked for, or as that very "
    "recording (default: a stand-in when matching found it is another take).",
)
@click.option(
    "--tracks",
    "-f",
    type=click.Path(path_type=Path),
    default="tracks.toml",
    show_default=True,
    help="The tracklist file.",
)
def pin(entry: str, uri: str | None, none: bool, stand_in: bool | None, tracks: Path) -> None:
    """Pin a Spotify track for one entry (or --none), written into the tracklist."""
    echo_lines(app.pin(tracks, entry, uri, none=none, stand_in=stand_in).lines())


@cli.command(
    "import",
    epilog="\b\nSOURCE is a text, Markdown or HTML file, - for standard input, "
    "an http(s) URL, an Exportify CSV, or the link of one of your Spotify "
    "playlists.\n\n\b\nExamples:\n"
    "  playlister import article.html -o tracks.toml\n"
    "  playlister import https://example.org/interview --append -o tracks.toml -v",
)
@click.argument("source")
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the draft to this new file (with --append: add to it; default "
    "tracks.toml) instead of printing it.",
)
@click.option(
    "--append", is_flag=True, help="Add the songs to an existing tracklist, skipping those it has."
)
@click.option("--json", "as_json", is_flag=True, help="Print what was found as JSON.")
@click.option("--verbose", "-v", is_flag=True, help="Also say what was left out and why.")
@click.option(
    "--offline",
    is_flag=True,
    help="Do not ask the Spotify catalog to confirm the songs (the default without "
    "credentials): the rules alone decide.",
)
def import_command(
    source: str, output: Path | None, append: bool, as_json: bool, verbose: bool, offline: bool
) -> None:
    """Draft a tracklist from an article that names songs."""
    result = app.import_(
        source, settings(), output=output, append=append, stdin=sys.stdin, offline=offline
    )
    echo_lines(result.lines(verbose=verbose), err=True)
    if as_json:
        echo_json(result.as_json())
    elif result.text is not None:
        click.echo(printable(result.text), nl=not result.text.endswith("\n"))


@cli.command(
    epilog="\b\nExamples:\n  playlister login\n  playlister login --no-browser   "
    "# on a machine without a browser"
)
@click.option(
    "--no-browser",
    is_flag=True,
    help="Print the login URL and read the redirect URL you paste back.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=120,
    show_default=True,
    help="Seconds to wait for the browser to come back.",
)
def login(no_browser: bool, timeout: float) -> None:
    """Log in to Spotify (needed by `create`); the token is cached in your config dir."""

    def read_redirect(url: str) -> str:
        click.echo("Open this URL in a browser, log in, then paste the address you land on:")
        click.echo(url)
        return str(click.prompt("Redirect URL", prompt_suffix=": ")).strip()

    echo_lines(
        app.login(
            settings(), open_browser=not no_browser, timeout=timeout, read_redirect=read_redirect
        ).lines()
    )


@cli.command(epilog="\b\nExample:\n  playlister logout")
def logout() -> None:
    """Forget the cached Spotify login."""
    echo_lines(app.logout(settings()).lines())


@cli.command(epilog="\b\nExamples:\n  playlister init\n  playlister init lists/road-trip.toml")
@click.argument("tracks", required=False, default="tracks.toml", type=click.Path(path_type=Path))
def init(tracks: Path) -> None:
    """Write a commented starter tracklist (never over an existing file)."""
    echo_lines(app.init(tracks).lines())


# Each command's "Exit status" section (and what it needs), appended to its --help.
OFFLINE = "Needs no settings and no network."
EXIT_STATUS = {
    "check": (
        "0  the tracklist is valid",
        "1  it is not: each problem names file, line, field",
        OFFLINE,
    ),
    "notes": (
        "0  printed or written",
        "1  the tracklist, lockfile or output file is wrong",
        OFFLINE,
    ),
    "match": (
        "0  every entry recorded (with --strict: every entry a clean match)",
        "1  an error, or with --strict an entry that is not a clean match",
        "130/143  stopped by Ctrl-C / SIGTERM; what was matched is kept",
        "Needs SPOTIPY_CLIENT_ID and SPOTIPY_CLIENT_SECRET, or PLAYLISTER_ACCESS_TOKEN.",
    ),
    "audit": (
        "0  nothing needs a person (with --strict: every entry a clean match)",
        "1  an entry needs a person, or nothing is matched yet",
        OFFLINE,
    ),
    "create": (
        "0  the playlist is in step, the plan was declined, or the dry run was printed",
        "1  an error (a pin Spotify does not know, no login), or re-creating a deleted "
        "playlist was declined",
        "130/143  stopped by Ctrl-C / SIGTERM; what was done is recorded",
        "Needs `playlister login` (or PLAYLISTER_ACCESS_TOKEN) and, to match, the app's "
        "SPOTIPY_CLIENT_ID and SPOTIPY_CLIENT_SECRET.",
    ),
    "import": (
        "0  the draft was printed or written",
        "1  the source could not be read, or the output file exists",
        "With SPOTIPY_CLIENT_ID and SPOTIPY_CLIENT_SECRET (or "
        "PLAYLISTER_ACCESS_TOKEN) the catalog confirms the draft; --offline, or none "
        "set, drafts from the rules alone. A Spotify playlist link needs `playlister "
        "login`.",
    ),
    "review": (
        "0  the session ended (q, Ctrl-D or the last entry); choices are written",
        "1  an error, or no terminal to ask in (use `audit --json` and `pin`)",
        "130/143  stopped by Ctrl-C / SIGTERM; choices so far are kept",
        "Needs SPOTIPY_CLIENT_ID and SPOTIPY_CLIENT_SECRET to search again (e, and "
        "entries not matched yet).",
    ),
    "pin": (
        "0  written into the tracklist and the lockfile",
        "1  no such entry, a title naming several, or a link that is not a Spotify track",
        OFFLINE,
    ),
    "login": (
        "0  logged in",
        "1  the login failed or timed out",
        "Needs SPOTIPY_CLIENT_ID (and SPOTIPY_CLIENT_SECRET, or PKCE without it).",
    ),
    "logout": ("0  always (there may have been no login to forget)", OFFLINE),
    "init": ("0  the starter file was written", "1  the file exists or cannot be written", OFFLINE),
}
for _name, _lines in EXIT_STATUS.items():
    _command = cli.commands[_name]
    _codes = [x for x in _lines if x[0].isdigit()]
    _codes.append("2  a usage error (an unknown option, a bad value)")
    _codes.sort(key=lambda c: int(c.split()[0].split("/")[0]))
    _notes = [x for x in _lines if not x[0].isdigit()]
    _command.epilog = "\n\n".join(
        filter(
            None,
            [_command.epilog, "\b\nExit status:\n" + "\n".join(f"  {c}" for c in _codes), *_notes],
        )
    )


def main() -> None:
    """Run the CLI (entered through ``playlister.__main__``, which guards the imports).

    Click runs outside its standalone mode so that a signal while click itself is parsing
    or printing (not inside a command) still ends with "Stopped." and 130 / 143, not
    click's own "Aborted!" and 1.
    """
    quiet_spotipy_logging()
    install_signal_handlers()
    try:
        sys.exit(_run_click())
    except KeyboardInterrupt as exc:
        # A signal outside a command's own run has nothing to save: say so and stop.
        with suppress(OSError):
            sys.stderr.write(f"\n{stopped_message(exc)}\n")
        sys.exit(exc.exit_code if isinstance(exc, Interrupted) else 130)
    finally:
        # Past the command (the exit itself, the interpreter's shutdown) a signal ends the
        # process the system's way: nothing is left to save, and no traceback is printed.
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _run_click() -> int:
    """Click's standalone handling, with a signal kept a signal; returns the exit status."""
    try:
        status = cli.main(prog_name="playlister", standalone_mode=False)
    except click.Abort as abort:
        exc = abort.__cause__ or abort.__context__
        if isinstance(exc, KeyboardInterrupt):
            raise exc from None
        with suppress(OSError):
            click.echo("Aborted!", err=True)
        return 1
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except BrokenPipeError:
        _silence_output()
        return 128 + signal.SIGPIPE
    # Commands return None; click hands back ctx.exit()'s status as an int.
    return status if isinstance(status, int) else 0
