"""Widgets of the newsreader TUI, one family per module."""
