"""Sinergi: the working platform of a Dinas Koperasi dan UMKM."""

__version__ = "0.1.0"
