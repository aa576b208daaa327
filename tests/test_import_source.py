"""Reading sources: files, stdin and URLs served from 127.0.0.1, and the one-line errors."""

from __future__ import annotations

import contextlib
import io
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from playlister.errors import PlaylisterError
from playlister.importer import SourceError, import_source

PAGE = (
    "<html><head><title>Live takes | Site</title></head><body><nav><a href='/'>"
    "\u201cHome\u201d by Nav</a></nav><article><h1>Live takes</h1>"
    "<h2>\u201cBlue\u201d by Elastica</h2><p><a href='https://www.youtube.com/watch?"
    "v=Ew7QoNGHung'>Watch</a></p></article><footer>\u201cFoot\u201d by Er</footer>"
    "<script>var s = '\u201cScript\u201d by Js';</script></body></html>"
)


class Handler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, str, bytes]] = {
        "/page": (200, "text/html; charset=utf-8", PAGE.encode()),
        "/plain": (200, "text/plain", b'"Blue" by Elastica\n'),
        "/missing": (404, "text/html", b"<h1>Not found</h1>"),
        "/image": (200, "image/png", b"\x89PNG...."),
        "/big": (200, "text/html", b"<p>" + b"x" * 5000 + b"</p>"),
        "/latin": (200, "text/plain", "\u201cBlue\u201d by Elastica".encode("cp1252")),
    }

    def do_GET(self) -> None:  # noqa: N802
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path == "/drip":  # a byte every 0.1 s: no single read ever times out
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            for _ in range(1000):
                try:
                    self.wfile.write(b"x")
                    self.wfile.flush()
                except OSError:  # the client gave up, as it should
                    return
                time.sleep(0.1)
            return
        status, ctype, body = self.routes.get(self.path, (200, "text/plain", b"slow"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):  # /slow: the client has given up
            self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_an_html_page_keeps_the_article_and_its_links(server: str) -> None:
    result = import_source(f"{server}/page")
    assert [(s.title, s.artist, s.youtube) for s in result.songs] == [
        ("Blue", "Elastica", "https://www.youtube.com/watch?v=Ew7QoNGHung")
    ]
    assert result.name == "Live takes"
    assert f"# source: {server}/page" in result.toml


def test_plain_text_over_http(server: str) -> None:
    assert [s.title for s in import_source(f"{server}/plain").songs] == ["Blue"]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "the server answered 404 Not Found, not 200 OK."),
        ("/image", "is image/png, not text or HTML."),
        ("/latin", "is not UTF-8 text (byte 0)."),
    ],
)
def test_url_errors_name_the_source(server: str, path: str, message: str) -> None:
    with pytest.raises(SourceError) as err:
        import_source(server + path)
    assert str(err.value) == f"{server}{path}: {message}"


def test_a_page_too_big_is_refused(server: str) -> None:
    with pytest.raises(SourceError) as err:
        import_source(f"{server}/big", max_bytes=1000)
    assert str(err.value) == f"{server}/big: is 5 kB, bigger than the 1 kB limit."


def test_a_slow_server_times_out(server: str) -> None:
    with pytest.raises(SourceError) as err:
        import_source(f"{server}/slow", timeout=0.3)
    assert str(err.value) == f"{server}/slow: timed out after 0.3 s."


def test_a_dripping_server_times_out_on_the_whole_fetch(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(SourceError) as err:
        import_source(f"{server}/drip", timeout=0.5)
    assert str(err.value) == f"{server}/drip: timed out after 0.5 s."
    assert time.monotonic() - started < 1.5  # not 100 s of reads, each within the timeout


def test_nothing_listening(tmp_path: Path) -> None:
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    with pytest.raises(SourceError) as err:
        import_source(f"http://127.0.0.1:{port}/x")
    assert str(err.value).startswith(f"http://127.0.0.1:{port}/x: could not be fetched: ")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as err:
        import_source(str(tmp_path / "nope.txt"))
    assert str(err.value) == f"{tmp_path / 'nope.txt'}: no such file."
    assert isinstance(err.value, PlaylisterError)


def test_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("caf\u00e9 \u201cBlue\u201d".encode("latin-1", errors="replace"))
    with pytest.raises(SourceError) as err:
        import_source(str(path))
    assert str(err.value) == f"{path}: is not UTF-8 text (byte 3)."


def test_a_directory(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="is a directory, not an article"):
        import_source(str(tmp_path))


def test_stdin() -> None:
    result = import_source("-", stdin=io.StringIO('"Blue" by Elastica\n'))
    assert [s.title for s in result.songs] == ["Blue"]
    assert result.source == "stdin"
    assert result.name == "stdin"


def test_stdin_html_is_recognised() -> None:
    result = import_source("-", stdin=io.StringIO(PAGE))
    assert [s.title for s in result.songs] == ["Blue"]


def test_a_spotify_playlist_url_is_not_fetched_as_a_page() -> None:
    url = "https://open.spotify.com/playlist/37i9dQZF1DXcBWIGoYBM5M"
    with pytest.raises(SourceError, match="is a Spotify playlist"):
        import_source(url)


def test_html_keeps_the_article_text_and_drops_the_page_around_it() -> None:
    from playlister.importer.html import html_to_text

    text, title = html_to_text(PAGE)
    assert title == "Live takes"
    assert text == (
        "# Live takes\n\n## \u201cBlue\u201d by Elastica\n\n"
        "[Watch](https://www.youtube.com/watch?v=Ew7QoNGHung)\n"
    )


EMBED = "https://www.youtube.com/embed/Ew7QoNGHung"
WATCH = "https://www.youtube.com/watch?v=Ew7QoNGHung"


@pytest.mark.parametrize(
    ("html", "text", "songs"),
    [
        # a table becomes Markdown rows, the header row ruled off, so its columns are read
        (
            "<table><thead><tr><th>Song</th><th>Artist</th></tr></thead><tbody>"
            "<tr><td>Dreams</td><td>Fleetwood Mac</td></tr>"
            "<tr><td><a href='https://www.youtube.com/watch?v=Ew7QoNGHung'>Blue</a></td>"
            "<td>Elastica</td></tr></tbody></table>",
            "| Song | Artist |\n|---|---|\n| Dreams | Fleetwood Mac |\n"
            f"| [Blue]({WATCH}) | Elastica |\n",
            [("Dreams", "Fleetwood Mac", None), ("Blue", "Elastica", WATCH)],
        ),
        # decoy: a table of albums gives nothing
        (
            "<table><tr><th>Album</th><th>Artist</th></tr><tr><td>Rumours</td>"
            "<td>Fleetwood Mac</td></tr></table>",
            "| Album | Artist |\n|---|---|\n| Rumours | Fleetwood Mac |\n",
            [],
        ),
        # a figure's caption comes before its embed, so the video joins the song it names
        (
            f"<figure><iframe src='{EMBED}'></iframe><figcaption>Elastica, \u201cBlue\u201d"
            "</figcaption></figure>",
            f"Elastica, \u201cBlue\u201d\n\n{WATCH}\n",
            [("Blue", "Elastica", WATCH)],
        ),
        # decoy: a photo credit as the caption; the video names no song and is left out
        (
            f"<p>\u201cBlue\u201d by Elastica and \u201cMaps\u201d by Yeah Yeah Yeahs</p><figure>"
            f"<iframe src='{EMBED}'></iframe><figcaption>Photo: Jane Doe</figcaption></figure>",
            "\u201cBlue\u201d by Elastica and \u201cMaps\u201d by Yeah Yeah Yeahs"
            "\n\nPhoto: Jane Doe"
            f"\n\n{WATCH}\n",
            [("Blue", "Elastica", None), ("Maps", "Yeah Yeah Yeahs", None)],
        ),
    ],
)
def test_html_tables_and_figures(
    html: str, text: str, songs: list[tuple[str, str, str | None]]
) -> None:
    from playlister.importer import import_text
    from playlister.importer.html import html_to_text

    assert html_to_text(html)[0] == text
    result = import_text(html, source="page.html")
    assert [(s.title, s.artist, s.youtube) for s in result.songs] == songs
