"""The commented tracks.toml that ``playlister init`` writes: every key, explained once.

It is a valid tracklist as written (``playlister check`` passes), so a newcomer can run every
command on it before typing their own songs.
"""

from __future__ import annotations

STARTER = '''\
# A playlister tracklist. Edit it, then:
#   playlister check     validate it
#   playlister notes     print the liner notes
#   playlister match     find every song on Spotify (writes tracks.lock beside this file)
#   playlister create    make the Spotify playlist
# The README's "The tracklist" explains every key.

[playlist]
name = "My playlist"            # the Spotify playlist's name
description = "Songs I love"    # optional, at most 300 characters
public = false                  # optional, default false

# One [[track]] table per song, in playlist order. Only title and artist are required.
[[track]]
title = "Blue"
artist = "Elastica"
# version = "Live at Glastonbury"   # the recording wanted: live, demo, acoustic, a session
# album = "Elastica"                # hints that sharpen matching
# year = 1995
# duration = "3:05"                 # "m:ss" or seconds
# tags = ["favourites"]             # pick subsets with --tag
# youtube = "https://www.youtube.com/watch?v=Ew7QoNGHung"   # a video to fall back on
# spotify = "spotify:track:4uLU6hMCjMI75M1A2tKUQC"          # pin a recording, skip the search
note = """
Your own words about the song, printed on the liner notes."""

[[track]]
title = "Another Girl, Another Planet"
artist = "The Only Ones"
'''
