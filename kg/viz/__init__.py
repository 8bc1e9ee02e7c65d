"""The interactive HTML viewer."""
from kg.viz.html import render_html, write_html

__all__ = ["render_html", "write_html"]
