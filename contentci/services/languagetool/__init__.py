"""LanguageTool for contentci: provisioning, one server lifecycle, annotated text, an HTTP client.

- :mod:`.install`  assembles an English LanguageTool from Maven Central into a user cache folder
  and verifies its checksum list.
- :mod:`.server`   the ONE place that starts, finds, health-checks and stops LanguageTool JVMs.
- :mod:`.annotate` turns a Document's prose blocks into LanguageTool's annotated text, so match
  offsets point into the original source.
- :mod:`.client`   the HTTP call (``/v2/check`` with ``data=``), UTF-16 offsets to code points.
- :mod:`.cache`    paragraph-level results on disk.
- :mod:`.service`  what a run uses: a lazily obtained server plus the cache.

Why not language-tool-python for any of this: its ``check()`` sends ``text=`` only (no annotated
``data=``, so offsets could not refer to the Markdown source), its launcher runs a single jar with
no classpath folder and no ``-Xmx``, and a failed request restarts its own server. The stdlib's
urllib does the one POST we need with a bounded timeout and no extra import cost.
"""

VERSION = "6.7"  # languagetool-server is on Maven Central up to 6.7; language-en pinned to the same
LANGUAGE_MODULES = ("language-en", "language-es", "language-ca", "language-pt")
