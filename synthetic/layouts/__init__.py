"""Extract layouts: the same recorded facts written as different force and partner systems do.

``standard`` is the layout ``synthetic/schema.py`` documents; each ``<name>.yaml`` beside this
module renames and re-formats it (file names, columns, date formats, codes, encodings) and
names the ingest mapping that loads it. :class:`ExtractWriter` applies a layout.
"""

from synthetic.layouts.spec import STANDARD, Layout, LayoutError, load_layouts
from synthetic.layouts.writer import ExtractWriter

__all__ = ["STANDARD", "ExtractWriter", "Layout", "LayoutError", "load_layouts"]
