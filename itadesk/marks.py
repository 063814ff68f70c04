"""Marking text for the message catalogue where it is defined, in any layer.

The UI translates marked text when it shows it (``itadesk.ui.i18n._``); outside the UI the
marked Thai is used as written.
"""


def N_(message: str) -> str:
    """Mark a module-level string for extraction; translate it with ``_()`` when shown."""
    return message
