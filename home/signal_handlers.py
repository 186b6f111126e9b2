"""Signal handlers of the site.

Images stored by any path (admin, extranet logos, demo content) keep no location metadata;
content changes empty the page cache (``home.page_cache_signals``).
"""

from __future__ import annotations

from django.db.models.signals import pre_save
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from home.page_cache_signals import connect_page_cache_invalidation
from home.uploads import generated_filename, image_extension, stripped_image_file


def strip_metadata_of_new_image_file(sender, instance, **kwargs):
    """A new image file is stored without EXIF/GPS/XMP/comments, under a generated name.

    Files saved through ``home.upload_forms.ImageForm`` are already clean: they pass unchanged.
    """
    file = instance.file
    if not file or file._committed:
        return
    stripped = stripped_image_file(file)
    if stripped is None:
        extension = image_extension(file)
        if extension:
            file.name = generated_filename(extension)
        return
    instance.file = stripped  # Django's ImageField updates width and height
    instance.file_size = stripped.size
    instance.file_hash = hash_filelike(stripped)


def register_signal_handlers():
    pre_save.connect(strip_metadata_of_new_image_file, sender=get_image_model())
    connect_page_cache_invalidation()
