"""The editor stage: ``milestone-lint server``, a language server (LSP 3.17 over stdio).

The buffer's text is judged as ``check`` judges the file (the overlay source ``lint_text``
uses, with its root's layout); positions become LSP's 0-based UTF-16 ones; fixes become
workspace edits planned by the same fixers as ``check --fix``. Only this package imports pygls,
and only ``milestone-lint server`` imports this package.
"""
