"""Errors that carry a message in Thai for the clerk.

``UserError`` and its subclasses are problems of input or environment that the clerk can act
on; anything else is a bug.
"""


class UserError(Exception):
    """A problem the clerk can fix; ``str(error)`` is a Thai sentence."""

    exit_code = 2


class ValidationError(UserError):
    """Input that breaks a rule: a score of 120, a letter in a number field."""


class NotFoundError(UserError):
    """A record the clerk asked for does not exist (yet)."""


class DatabaseError(UserError):
    """The database file cannot be used as it is (newer version, read-only, full disk)."""


class BundleError(UserError):
    """A USB bundle that is broken, untrusted or cannot be written."""

    exit_code = 4
