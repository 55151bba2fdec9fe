"""What the pages and the PDF both draw: the charts (SVG) and the narratives' Markdown as safe HTML.

A layer of its own between the engine and the consumers: ``web`` and ``reports`` may not import each other,
yet the dashboard shows the report's very charts and the narrative page previews the text as the PDF prints it.
"""
