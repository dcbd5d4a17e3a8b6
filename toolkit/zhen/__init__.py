"""zhen: offline Chinese→English translation and terminology toolkit."""

__version__ = "0.1.0"
