"""Use cases shared by the desktop app and the command line.

Every function takes the ``Database`` first, runs one transaction and returns detached model
objects or plain data. Invalid input raises ``itadesk.errors.UserError`` with a Thai message.
"""
