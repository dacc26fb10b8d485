"""Libraries and annotations from other tools, read into plain data (no library needed).

One module per format turns an export file's bytes into a :class:`~.model.Parsed`:
``w3c`` and ``hypothesis`` give annotations aimed at web addresses; ``omnivore``,
``wallabag``, ``pocket``, ``instapaper`` and ``readwise`` give saved items, with their text
and highlights when the export has them. ``importer`` brings the result into a library.
"""

FORMATS = ("w3c", "hypothesis", "omnivore", "wallabag", "pocket", "instapaper", "readwise")
"""The formats ``newsreader import`` reads, by the name it is given on the command line."""
