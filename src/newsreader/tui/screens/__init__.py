"""Screens of the newsreader TUI, one per module."""
