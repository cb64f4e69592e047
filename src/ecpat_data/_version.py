"""The package version, in its own module so that every room can read it without the root."""

__all__ = ["__version__"]

__version__ = "0.1.0"
