"""playlister: a curated song list in, a Spotify playlist and liner notes out."""

__version__ = "0.1.0"
