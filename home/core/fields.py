"""Model fields every domain declares alike."""

from django.db import models


def optional_link(to: str, verbose_name, **options) -> models.ForeignKey:
    """A link that may be empty and empties itself when what it points to goes (an image, a page, a user).

    No reverse accessor: nothing needs to list what links to an image, a page or a user this way.
    """
    return models.ForeignKey(
        to, verbose_name=verbose_name, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", **options
    )
