"""The screens of the main window; each takes the ``AppContext`` and has ``reload()``."""
