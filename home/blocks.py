"""The path migration 0001 imports ParagraphBlock from; the blocks live in ``home.core.blocks``."""

from home.core.blocks import ParagraphBlock

__all__ = ["ParagraphBlock"]
