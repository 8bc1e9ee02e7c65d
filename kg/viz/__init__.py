"""The interactive HTML viewer: the entity-centred view of a store (:mod:`kg.viz.model`) written as a
self-contained page (:mod:`kg.viz.html`)."""
from kg.viz.html import ViewOptions, render_html, write_html
from kg.viz.model import View, from_store, restrict

__all__ = ["View", "ViewOptions", "from_store", "render_html", "restrict", "write_html"]
