"""contentci: lint written content like code.

Importing this package does no I/O and imports nothing heavy; rules, the
pronunciation dictionary, the LanguageTool client and report rendering load
only when a command needs them.
"""

__version__ = "0.1.0"
