"""The LAKIP domain in plain Python: values and their grammar, numbers, rules, validators, enumerations.

Nothing here imports Django or any other package of the project, so every module can be used (and tested)
by any layer above: the data apps, the engine and the consumers (see ``docs/architecture.md``).
"""
