"""The key-binding footer of every screen: Textual's compact ``Footer``, styled once per key.

Why a subclass: Textual's ``FooterKey`` declares ``compact = reactive(True)``, and its watcher
``_watch_compact`` calls ``set_class(True, "-compact")``. A freshly built key does not carry the
class yet, so ``add_class`` restyles that key (``update_node_styles``) on mount, one key at a
time, and ``Footer.recompose`` rebuilds every key whenever the bindings change. That restyle was
~40-80 ms of the library screen's launch and ~40% of the reader's first frame. ``KeyFooter``
builds each key with ``-compact`` already among its classes, so the watcher's ``add_class`` finds
nothing to add and returns at once; the key is styled a single time, on mount, as any widget is.
Everything else (``data_bind`` to ``compact``, clicks, tooltips, the command-palette key on the
right) is Textual's own behaviour, unchanged.

``compose`` below is a copy of ``Footer.compose`` from Textual 8.2.8 (pinned in pyproject.toml)
with only the ``classes`` of each ``FooterKey`` changed; re-check it when upgrading Textual.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer

# Not re-exported by ``textual.widgets``; the module is stable within the pinned 8.2.8.
from textual.widgets._footer import FooterKey, FooterLabel, KeyGroup

COMPACT = "-compact"


class KeyFooter(Footer):
    """A ``Footer`` whose keys are built already in the compact style they would be given.

    Looks and behaves like ``Footer(compact=...)``; see the module docstring for why it exists.
    """

    def compose(self) -> ComposeResult:
        """Yield the footer's keys, as ``Footer.compose`` does, each pre-classed ``-compact``."""
        if not self._bindings_ready:
            return
        # A data-bound key ends up ``-compact`` exactly when the footer is compact.
        compact = COMPACT if self.compact else ""
        active_bindings = self.screen.active_bindings
        bindings = [
            (binding, enabled, tooltip)
            for (_, binding, enabled, tooltip) in active_bindings.values()
            if binding.show
        ]
        action_to_bindings: defaultdict[str, list[tuple[Binding, bool, str]]]
        action_to_bindings = defaultdict(list)
        for binding, enabled, tooltip in bindings:
            action_to_bindings[binding.action].append((binding, enabled, tooltip))

        self.styles.grid_size_columns = len(action_to_bindings)

        for group, multi_bindings_iterable in groupby(
            action_to_bindings.values(),
            lambda multi_bindings_: multi_bindings_[0][0].group,
        ):
            multi_bindings = list(multi_bindings_iterable)
            if group is not None and len(multi_bindings) > 1:
                with KeyGroup(classes=COMPACT if group.compact else ""):
                    for grouped in multi_bindings:
                        binding, enabled, tooltip = grouped[0]
                        yield FooterKey(
                            binding.key,
                            self.app.get_key_display(binding),
                            "",
                            binding.action,
                            disabled=not enabled,
                            tooltip=tooltip or binding.description,
                            classes=f"-grouped {compact}",
                        ).data_bind(compact=Footer.compact)
                yield FooterLabel(group.description)
            else:
                for single in multi_bindings:
                    binding, enabled, tooltip = single[0]
                    yield FooterKey(
                        binding.key,
                        self.app.get_key_display(binding),
                        binding.description,
                        binding.action,
                        disabled=not enabled,
                        tooltip=tooltip,
                        classes=compact,
                    ).data_bind(compact=Footer.compact)
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            try:
                _node, binding, enabled, tooltip = active_bindings[
                    self.app.COMMAND_PALETTE_BINDING
                ]
            except KeyError:
                pass
            else:
                # Not data-bound: its ``compact`` keeps the default True, so Textual always
                # gives this key ``-compact``, whatever the footer's style.
                yield FooterKey(
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    classes=f"-command-palette {COMPACT}",
                    disabled=not enabled,
                    tooltip=binding.tooltip or binding.description,
                )
