"""Linkwatch: graph intelligence for homicide prevention (command line and settings glue)."""

__version__ = "0.1.0"
