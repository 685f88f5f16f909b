"""Find duplicates (command palette): likely pairs, a side-by-side preview, `m` merges.

The list and each preview load in workers. The preview is the merge itself, rehearsed and
rolled back (garden.dupes.preview), so what it shows is what `m` gives. `m` is one undo
step: `u` takes it back. `s` swaps which of the two is kept.
"""

from textual import on
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from netgarden_tui.garden import dupes
from netgarden_tui.garden.card import card_fields
from netgarden_tui.store.records import ContactCard, DuplicatePair
from netgarden_tui.tui.help_registry import keys_in_help
from netgarden_tui.tui.messages import GardenChanged
from netgarden_tui.tui.text import safe, styled
from netgarden_tui.tui.widgets.key_bar import KeyBar


def pair_prompt(pair: DuplicatePair) -> Content:
    """ "Ann Lee #1 ~ Lee Ann #2 · same email ann@x.example" """
    return Content.assemble(safe(pair.a_name).stylize("bold"), (f" #{pair.a_id}", "$text-muted"),
                            " ~ ", safe(pair.b_name).stylize("bold"),
                            (f" #{pair.b_id}", "$text-muted"), "  · ", safe(pair.reason))


def card_column(title: str, card: ContactCard, touches: int, region: str | None) -> Content:
    """One side of the preview: a title, the card's fields, and what it holds (``region``:
    the config's, for showing phones)."""
    lines = [styled("[b]$title[/b]", title=title),
             styled("$name [dim]#$id[/dim]", name=card.display_name, id=str(card.id))]
    if card.nickname:
        lines.append(styled("[dim]aka[/dim] $nickname", nickname=card.nickname))
    lines.extend(styled("[dim]$label[/dim] $value", label=label, value=value)
                 for label, value in card_fields(card, region=region))
    lines.append(Content.styled(f"{len(card.facts)} facts · {touches} touches", "$text-muted"))
    if card.notes:
        lines.append(Content.assemble(("notes ", "dim"), safe(card.notes, multiline=True)))
    return Content("\n").join(lines)


@keys_in_help("Find duplicates (ctrl+p)", order=240)
class MergeScreen(Screen[None]):
    CSS_PATH = "merge.tcss"
    BINDINGS = [
        Binding("m", "merge", "Merge", id="merge.merge",
                tooltip="Fold the second contact into the kept one (u undoes it)"),
        Binding("s", "swap", "Swap", id="merge.swap",
                tooltip="Swap which of the two contacts is kept"),
        Binding("escape,q", "close", "Close", id="merge.close",
                tooltip="Close the duplicates screen"),
        Binding("j", "cursor(1)", "Down", show=False, id="merge.down",
                tooltip="Highlight the next pair"),
        Binding("k", "cursor(-1)", "Up", show=False, id="merge.up",
                tooltip="Highlight the previous pair"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.pairs: list[DuplicatePair] = []
        self.swapped = False
        self.merging = False

    def compose(self):
        yield Static(Content.styled("Looking for duplicates…", "$text-muted"), id="merge-title")
        yield OptionList(id="merge-pairs")
        with Horizontal(id="merge-preview"):
            for column in ("merge-keep", "merge-fold", "merge-result"):
                with VerticalScroll(classes="merge-column"):
                    yield Static(id=column)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#merge-preview").display = False
        self._load_pairs()

    def _load_pairs(self) -> None:
        self.app.run_query(dupes.likely_duplicates, self._pairs_loaded, group="duplicates",
                           could_not="look for duplicates")

    @on(GardenChanged)
    def _reload(self) -> None:
        self._load_pairs()

    def _pairs_loaded(self, pairs: list[DuplicatePair]) -> None:
        if not self.is_attached:
            return
        self.pairs = pairs
        title = (f"Likely duplicates: {len(pairs)} · m folds the second into the first"
                 if pairs else "No likely duplicates.")
        self.query_one("#merge-title", Static).update(Content(title))
        options = self.query_one("#merge-pairs", OptionList)
        keep = options.highlighted
        options.set_options(Option(pair_prompt(pair)) for pair in pairs)
        self.query_one("#merge-preview").display = bool(pairs)
        if pairs:
            options.highlighted = min(keep or 0, len(pairs) - 1)
            options.focus()
        self.refresh_bindings()

    def action_cursor(self, step: int) -> None:
        options = self.query_one("#merge-pairs", OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    # --- the preview --------------------------------------------------------------------------

    @property
    def pair(self) -> DuplicatePair | None:
        index = self.query_one("#merge-pairs", OptionList).highlighted
        return self.pairs[index] if index is not None and index < len(self.pairs) else None

    def kept_and_folded(self) -> tuple[int, str, int, str]:
        pair = self.pair
        if self.swapped:
            return pair.b_id, pair.b_name, pair.a_id, pair.a_name
        return pair.a_id, pair.a_name, pair.b_id, pair.b_name

    @on(OptionList.OptionHighlighted, "#merge-pairs")
    def _pair_highlighted(self) -> None:
        self.swapped = False
        self._load_preview()

    def _load_preview(self) -> None:
        if self.pair is None:
            return
        keep_id, _, fold_id, _ = self.kept_and_folded()
        cadence = self.app.config.default_cadence_days
        self.app.run_query(lambda: dupes.preview(keep_id, fold_id, default_cadence=cadence),
                           self._preview_loaded, group="merge preview",
                           could_not="preview the merge")

    def _preview_loaded(self, preview: dupes.MergePreview) -> None:
        if not self.is_attached or self.pair is None:
            return
        if preview.keep.id != self.kept_and_folded()[0]:
            return  # swapped or moved on since
        region = self.app.config.region
        self.query_one("#merge-keep", Static).update(
            card_column("Kept", preview.keep, preview.keep_touches, region))
        self.query_one("#merge-fold", Static).update(
            card_column("Folded in, then gone", preview.fold, preview.fold_touches, region))
        self.query_one("#merge-result", Static).update(
            card_column("After the merge", preview.merged, preview.merged_touches, region))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("merge", "swap"):
            return bool(self.pairs) and not self.merging
        return True

    # --- keys ----------------------------------------------------------------------------------

    def action_swap(self) -> None:
        self.swapped = not self.swapped
        self._load_preview()

    def action_merge(self) -> None:
        if self.pair is None or self.merging:
            return
        keep_id, keep_name, fold_id, fold_name = self.kept_and_folded()
        self.merging = True
        self.refresh_bindings()

        def finished(_=None) -> None:
            self.merging = False
            self.refresh_bindings()

        def merged(_) -> None:
            finished()
            self.notify(f"merged {fold_name} into {keep_name} (u undoes it)")

        self.app.perform(f"merge {fold_name} into {keep_name}",
                         lambda: dupes.merge(keep_id, fold_id), done=merged, failed=finished)

    def action_close(self) -> None:
        self.dismiss(None)
