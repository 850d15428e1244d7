"""Author tools: read and compile story files, report mistakes, explore, lint, graph, schema.

Pure Python: nothing here imports the UI, the line mode, the CLI, textual or
rich (checked by import-linter, see pyproject.toml).

The layout, by meaning:

    source.py, fields.py,          reading and compiling: YAML with positions,
    manifest.py, scenes.py,        field checks, the manifest, scene files,
    loader.py, walkthroughs.py     `load_story`, and the walkthroughs it replays
    diagnostics.py, codes.py       what every tool reports, and the table of codes
    graph.py, schema.py            the scene graph and the JSON schema
    explore/                       the explorer (a room: import from its face)
    lint/                          the W2xx checks (a room: import from its face)

Reading and compiling stay at this level rather than forming a `compile/`
room: turning story files into a `Story` is what this package is for, every
other tool here starts from its result, and graph and schema read the same
manifest and scene definitions. A room is a family of modules that serves
one tool and is private behind its `__init__`; the compiler's modules are
used across the package (and `load_story` by every front end), so they are
the package's own. `explore/` and `lint/` are rooms: nothing outside them
imports their modules directly, only `iss.authoring.explore` and
`iss.authoring.lint`.
"""
