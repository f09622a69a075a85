#!/usr/bin/env python
"""Django's command-line utility; `putright` is the same thing, installed."""

from putright.__main__ import main

if __name__ == "__main__":
    main()
