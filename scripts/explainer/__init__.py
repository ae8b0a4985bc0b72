"""Generator for the Pakistan-Russia explainer.

Four stages, each in its own module: ``loader`` (YAML to Python with line numbers),
``validate`` (JSON Schema plus cross-file checks, to a typed ``model.Dataset``),
``render`` (Jinja2 templates to Markdown pages, in memory) and ``writer`` (the only
stage that touches the disk). ``cli`` is the thin command-line layer around them.
Nothing here imports MkDocs: any engine that reads the committed pages can build the site.
"""
