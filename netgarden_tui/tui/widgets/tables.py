"""A DataTable of Content cells: cut to a width, and columns as wide as their widest cell."""

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import DataTable


def cut(content: Content, width: int) -> Content:
    """``content`` in at most ``width`` cells, an ellipsis marking a cut."""
    return content if content.cell_length <= width else content.truncate(width, ellipsis=True)


def fill_table(table: DataTable, columns: Sequence[str], rows: Sequence[Sequence[Content]],
               keys: Sequence[str]) -> None:
    """Replace a table's columns and rows. DataTable measures a Content cell as one cell
    wide, so each column is given the width of its widest cell here."""
    table.clear(columns=True)
    for index, label in enumerate(columns):
        table.add_column(label, width=max([len(label), *(row[index].cell_length for row in rows)]))
    for key, row in zip(keys, rows):
        table.add_row(*row, key=key)
