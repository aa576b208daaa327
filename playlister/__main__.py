"""Allow `python -m playlister`."""

from playlister.cli import main

if __name__ == "__main__":
    main()
