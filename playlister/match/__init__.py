"""Matching tracklist entries against the Spotify catalog, one concern a module.

``text`` folds names into comparison keys; ``versions`` reads the version a title or album
names; ``candidate`` holds the plain data; ``score`` judges one candidate against an entry;
``queries`` builds the search ladder; ``resolve`` decides one entry; ``batch`` runs a whole
selection against the lockfile. (Nothing is imported here, so the loader can use ``text``
without pulling in the rest.)
"""
