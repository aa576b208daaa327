"""Hostile sources: each ends in one line (a ``SourceError``) or a draft, never a traceback
or a hang. Servers are real sockets on 127.0.0.1, the FIFO a real FIFO, the CLI a real
subprocess where a hang would otherwise go unnoticed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from playlister.cli import cli
from playlister.importer import SourceError, import_source, import_text
from playlister.urls import video_id

Handler = Callable[[socket.socket], None]


@pytest.fixture
def serve() -> Iterator[Callable[[Handler], str]]:
    """``serve(handler)``: a URL on 127.0.0.1 whose connections ``handler`` answers."""
    sockets: list[socket.socket] = []

    def start(handler: Handler) -> str:
        srv = socket.socket()
        srv.bind(("127.0.0.1", 0))
        srv.listen()
        sockets.append(srv)

        def accept() -> None:
            while True:
                try:
                    conn, _ = srv.accept()
                except OSError:
                    return
                threading.Thread(target=handler, args=(conn,), daemon=True).start()

        threading.Thread(target=accept, daemon=True).start()
        return f"http://127.0.0.1:{srv.getsockname()[1]}/list"

    yield start
    for srv in sockets:
        srv.close()


def garbage_status(conn: socket.socket) -> None:
    conn.recv(4096)
    conn.sendall(b"\x00\xffNOT HTTP AT ALL\r\n\r\nhello")
    conn.close()


def drip_body(conn: socket.socket) -> None:
    """A good header, then a byte every 2 s: no single read ever times out."""
    conn.recv(4096)
    try:
        conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n")
        for _ in range(30):
            conn.sendall(b"x")
            time.sleep(2)
    except OSError:
        pass


def drip_status(conn: socket.socket) -> None:
    """Even the status line comes a byte every 2 s."""
    conn.recv(4096)
    try:
        for byte in b"HTTP/1.0 200 OK\r\n":
            conn.sendall(bytes([byte]))
            time.sleep(2)
    except OSError:
        pass


def test_a_garbage_status_line_is_one_line(serve: Callable[[Handler], str]) -> None:
    url = serve(garbage_status)
    with pytest.raises(SourceError) as err:
        import_source(url)
    assert str(err.value).startswith(f"{url}: the server's answer is not HTTP (BadStatusLine: ")
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("handler", [drip_body, drip_status], ids=["body", "status line"])
def test_a_dripping_server_meets_an_overall_deadline(
    serve: Callable[[Handler], str], handler: Handler
) -> None:
    url = serve(handler)
    started = time.monotonic()
    with pytest.raises(SourceError) as err:
        import_source(url, timeout=1.5)
    assert str(err.value) == f"{url}: timed out after 1.5 s."
    assert time.monotonic() - started < 3  # one 2-second drip would already break a per-read one


def test_dev_zero_is_a_device_not_an_article() -> None:
    with pytest.raises(SourceError) as err:
        import_source("/dev/zero")
    assert str(err.value) == "/dev/zero: is a device, not an article."


def test_a_fifo_nobody_writes_to_ends_at_the_deadline(tmp_path: Path) -> None:
    fifo = tmp_path / "songs.fifo"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(SourceError) as err:
        import_source(str(fifo), timeout=0.5)
    assert str(err.value) == (
        f"{fifo}: sent nothing more for 0.5 s and was not closed: is anything writing to it?"
    )
    assert time.monotonic() - started < 2


def test_a_fifo_with_a_writer_is_read_like_a_file(tmp_path: Path) -> None:
    fifo = tmp_path / "songs.fifo"
    os.mkfifo(fifo)
    writer = subprocess.Popen(["sh", "-c", f"printf '%s\\n' '\"Blue\" by Elastica' > {fifo}"])
    try:
        result = import_source(str(fifo), timeout=5)
    finally:
        writer.wait(5)
    assert [(s.title, s.artist) for s in result.songs] == [("Blue", "Elastica")]


def test_the_cli_gives_one_line_for_dev_zero_in_a_real_process() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "playlister", "import", "/dev/zero"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 1
    assert done.stderr == "Error: /dev/zero: is a device, not an article.\n"


@pytest.mark.parametrize(
    "html",
    [
        "<html><body>"
        + "<div>" * 1000
        + "<p>\u201cBlue\u201d by Elastica</p>"
        + "</div>" * 1000
        + "</body></html>",
        "<html><body>"
        + "<table><tr><td>" * 200
        + "<p>\u201cBlue\u201d by Elastica</p>"
        + "</td></tr></table>" * 200
        + "</body></html>",
    ],
    ids=["1000 divs", "200 tables"],
)
def test_deep_nesting_keeps_the_text(html: str) -> None:
    result = import_text(html, source="deep.html")
    assert [(s.title, s.artist) for s in result.songs] == [("Blue", "Elastica")]


def test_deep_nesting_through_the_cli_is_not_a_traceback(tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    page.write_text(
        "<html><body>"
        + "<table><tr><td>" * 200
        + "x"
        + "</td></tr></table>" * 200
        + "</body></html>"
    )
    result = CliRunner().invoke(cli, ["import", str(page)])
    assert result.exit_code == 0, result.output
    assert result.exception is None


def four_thousand(shape: str) -> str:
    return "# A very long list\n\n" + "\n".join(shape.format(i=i) for i in range(4000)) + "\n"


@pytest.mark.parametrize(
    "shape",
    [
        "\u201cSong Number {i}\u201d by Band{i}",
        "Band{i} \u2013 Song Number {i}",
        "- Song Number {i} by Band{i}",
    ],
    ids=["quoted", "dash lines", "by items"],
)
def test_four_thousand_song_lines_all_come_through_in_order(shape: str) -> None:
    # the time is measured by benchmarks/bench_import.py; here only that nothing is lost
    result = import_text(four_thousand(shape))
    assert len(result.songs) == 4000
    assert [s.title for s in result.songs[:3]] == [
        "Song Number 0",
        "Song Number 1",
        "Song Number 2",
    ]
    assert result.songs[-1].artist == "Band3999"


def test_a_long_html_ordered_list_is_numbered_by_counting() -> None:
    html = (
        "<html><body><ol>"
        + "".join(f"<li>Player {i} \u2013 Song Number {i}</li>" for i in range(1200))
        + "</ol></body></html>"
    )
    result = import_text(html, source="long.html")
    assert len(result.songs) == 1200
    assert result.songs[1100].title == "Song Number 1100"


@pytest.mark.parametrize(
    "url, vid",
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        # decoys: what a browser would open is not YouTube
        ("https://evil.example\\@www.youtube.com/watch?v=dQw4w9WgXcQ", None),
        ("https://someone@www.youtube.com/watch?v=dQw4w9WgXcQ", None),
        ("https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ", None),
        ("https://evil.example/www.youtube.com/watch?v=dQw4w9WgXcQ", None),
    ],
)
def test_a_youtube_link_must_really_be_on_youtube(url: str, vid: str | None) -> None:
    assert video_id(url) == vid


def test_an_article_link_to_a_fake_youtube_is_not_attached() -> None:
    text = (
        "1. \u201cBlue\u201d by Elastica "
        "https://evil.example\\@www.youtube.com/watch?v=dQw4w9WgXcQ\n"
    )
    result = import_text(text)
    assert [(s.title, s.youtube) for s in result.songs] == [("Blue", None)]
