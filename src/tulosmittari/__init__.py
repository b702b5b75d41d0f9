"""tulosmittari: a Finnish performance agreement as checkable data."""

__version__ = "0.1.0"
