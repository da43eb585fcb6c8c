"""Errors that become clear messages (exit 2 or a per-file diagnostic), never tracebacks."""


class ContentciError(Exception):
    """A usage, configuration or environment problem: reported and exit 2."""


class ConfigError(ContentciError):
    """The configuration is invalid; the message names the key."""


class DocumentError(Exception):
    """A file cannot be read as text; reported as ``contentci/unreadable`` for that file."""


class MissingExtra(ContentciError):
    """The HTML report needs packages that the ``report`` extra installs."""
