"""The Spotify Web API's limits (2026), defined once, beside the client in ``spotify.py``.

A module of their own, without imports, so the tracklist loader can check a playlist's name
and description against them without loading the HTTP client (``check`` and ``notes`` stay
quick and offline).
"""

SEARCH_LIMIT_MAX = 10  # results per search since February 2026 (400 "Invalid limit" above)
ITEMS_PAGE_SIZE = 50  # GET /playlists/{id}/items
PLAYLISTS_PAGE_SIZE = 50  # GET /me/playlists
MAX_URIS_PER_WRITE = 100  # add / replace / remove
MAX_COVER_B64 = 256 * 1024  # PUT /playlists/{id}/images body
MAX_PLAYLIST_NAME = 100  # characters; a longer name is refused
MAX_PLAYLIST_DESCRIPTION = 300  # characters, one line
