"""ITADesk: the yearly ITA integrity cycle of a Thai local office, on one PC."""

__version__ = "0.1.0"
