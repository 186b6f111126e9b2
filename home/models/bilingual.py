"""The path migration 0001 imports BilingualMixin from; it lives in ``home.core.bilingual``."""

from home.core.bilingual import BilingualMixin

__all__ = ["BilingualMixin"]
