"""Author tools: read and compile story files, report mistakes, explore, lint, graph, schema.

Pure Python: nothing here imports the UI, the line mode, the CLI, textual or
rich (checked by import-linter, see pyproject.toml).

The layout, by meaning:

    source.py, yaml_tree.py,       reading: a file's bytes, the characters it may
    characters.py                  not hold, YAML as data with positions
    fields.py, compiling.py,       compiling: field checks, conditions/effects/texts
    manifest.py, scenes.py,        (cached by source), the manifest, scene files,
    choices.py                     and their choices, routes and groups
    loader.py, cross_check.py,     `load_story`: every file compiled, then checked
    walkthroughs.py                across files, and the walkthroughs it replays
    story_cache.py, story_data.py  the compiled-story cache and its plain-data form
    diagnostics.py, codes.py,      what every tool reports, the table of codes,
    suggestions.py                 and the "did you mean" index
    graph.py, schema.py            the scene graph and the JSON schema
    explore/                       the explorer: search, proof pass, witnesses, random play
    lint/                          the W2xx checks
    report/                        `iss report`: odds, choice impact, pacing
    diff/                          `iss diff`: what an update changes, which saves break

Reading and compiling stay at this level rather than forming a `compile/`
room: turning story files into a `Story` is what this package is for, every
other tool here starts from its result, and graph and schema read the same
manifest and scene definitions. A room is a family of modules that serves
one tool and is private behind its `__init__`; the compiler's modules are
used across the package (and `load_story` by every front end), so they are
the package's own. Every subpackage is a room: nothing outside it imports
its modules directly, only its face (`iss.authoring.explore`, ...), which
tests/authoring/test_rooms.py checks.
"""
