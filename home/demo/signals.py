"""Signals other apps listen to (``home`` never imports them)."""

from django.dispatch import Signal

# Sent by ``load_demo_content`` inside its transaction, after the public content, with
# ``builder`` (home.demo.builder.DemoContentBuilder): apps add their own demo content.
demo_content_loaded = Signal()
