"""Qt widgets and models of the desktop app."""
