"""Undo and redo: the app's ``u`` takes back the newest change, one user action at a time,
and ``U`` makes again what ``u`` took back.

Each action the app runs is one transaction inside ``recording(label)``: one undo step. While
it runs, triggers (``backend.install_undo_triggers``) journal, for every row it changes, the
statement that reverts that row. ``undo_last()`` runs the newest step's statements newest
first, forgets the step, and recomputes what is derived from the rows (each contact's last
touch, its search row, its methods' match keys; the search index is never journaled).

Running those statements is journaled in turn, into a redo step of the same name: what
reverts the undo. ``redo_last()`` runs the newest redo step the same way, journaling what
reverts it into an undo step again, so ``u`` takes it back once more. A new change forgets
every redo step: what it undid can no longer be made again on top of it. Nor is a capture
redone: its thousands of seen messages are not journaled (they go with their run's row), so
it is made again by capturing again, which reads what the undo forgot.

Only a process that called ``enable()`` records (the app does; the command line and the demo
fill do not), and only inside ``recording()``; an undo or a redo journals its reverse in any
process, ``netgarden undo`` too. The journal is kept in the garden itself, so
undo and redo survive a restart; two copies of the app on one garden share it, and ``u`` in
either takes back the newest change made by both. At most ``MAX_STEPS`` undo steps are kept.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import NamedTuple

import pendulum
from peewee import fn

from netgarden_tui.store import backend, match_keys, search, writes
from netgarden_tui.store.models import (
    JOURNALED_MODELS, CaptureRun, UndoContact, UndoEntry, UndoStep, db,
)

MAX_STEPS = 100

_enabled = False


def enable() -> None:
    """From now on, changes written inside ``recording()`` can be undone, on every thread."""
    global _enabled
    _enabled = True


def disable() -> None:
    """Stop recording (tests; connections keep their triggers, which then journal nothing)."""
    global _enabled
    _enabled = False


@contextmanager
def recording(label: str) -> Iterator[None]:
    """One transaction that is one undo step named ``label``: "log a call with Ann Lee".

    Inside an open step (nested), the changes join that step. A step that changed nothing
    is not kept, nor is one whose transaction failed.
    """
    if not _enabled:
        with db.atomic():
            yield
        return
    backend.install_undo_triggers(JOURNALED_MODELS)
    with db.atomic():
        if backend.recording_step() is not None:
            yield
            return
        step = UndoStep.create(label=label)
        backend.set_recording_step(step.id)
        try:
            yield
        finally:
            backend.set_recording_step(None)
        if _kept(step.id):
            _forget_redo()  # a new change: what was undone before it cannot be redone
        _forget_all_but_newest(MAX_STEPS)


class StepRecord(NamedTuple):
    id: int
    label: str
    created_at: pendulum.DateTime
    changes: int  # rows it changed


def recent_steps(limit: int = 20) -> list[StepRecord]:
    """The steps ``u`` (or ``netgarden undo``) would take back, newest first."""
    changes = fn.count(UndoEntry.id)
    query = (UndoStep.select(UndoStep.id, UndoStep.label, UndoStep.created_at, changes)
             .join(UndoEntry).where(~UndoStep.redo).group_by(UndoStep.id)
             .order_by(UndoStep.id.desc()).limit(limit))
    return [StepRecord(*row) for row in query.tuples()]


def undo_last() -> str | None:
    """Revert the newest step in one transaction; its label, or None if nothing to undo.
    What reverts the undo is kept as a redo step of the same name.

    Called inside ``recording()``, the step recording the undo itself is not the one
    undone, and stays empty, so it is not kept: undo is not undoable (redo makes it again).
    """
    return _replay(redo=False)


def redo_last() -> str | None:
    """Make again the newest change undone (since the last new change), in one transaction;
    its label, or None if nothing to redo. ``undo_last`` takes it back once more."""
    return _replay(redo=True)


def contacts_to_undo() -> list[int]:
    """The contacts the newest step changed: those ``undo_last`` would bring back as they
    were (for the app to show them)."""
    step = _newest_step(redo=False, other_than=backend.recording_step())
    if step is None:
        return []
    return [contact_id for (contact_id,) in
            step.contacts.select(UndoContact.contact_id).order_by(UndoContact.contact_id).tuples()]


def can_redo() -> bool:
    """Whether ``redo_last`` has something to make again."""
    return UndoStep.select().where(UndoStep.redo).exists()


def _replay(*, redo: bool) -> str | None:
    """Run the newest undo (or redo) step's statements, journaling what reverts them into a
    step of the other kind, and recompute what is derived from the rows they changed."""
    backend.install_undo_triggers(JOURNALED_MODELS)
    with db.atomic(), _paused() as open_step:
        step = _newest_step(redo=redo, other_than=open_step)
        if step is None:
            return None
        statements = [statement for (statement,) in step.entries
                      .select(UndoEntry.statement).order_by(UndoEntry.id.desc()).tuples()]
        contact_ids = [contact_id for (contact_id,) in
                       step.contacts.select(UndoContact.contact_id).tuples()]
        reverse = UndoStep.create(label=step.label, redo=not redo)
        backend.set_recording_step(reverse.id)
        try:
            backend.run_undo_statements(statements)
        finally:
            backend.set_recording_step(None)
        step.delete_instance()  # its entries and contacts go with it (ON DELETE CASCADE)
        if not redo and any(backend.reverts_insert(statement, CaptureRun)
                            for statement in statements):
            reverse.delete_instance()  # a capture is made again by capturing again
        else:
            _kept(reverse.id)
        match_keys.rekey(contact_ids=contact_ids)
        writes.refresh_last_touch(contact_ids)
        writes.refresh_schedule(contact_ids)
        writes.refresh_outreach(contact_ids)
        search.reindex_contacts(contact_ids)
        return step.label


@contextmanager
def _paused() -> Iterator[int | None]:
    """Stop journaling on this connection for a while; yields the step that was open."""
    open_step = backend.recording_step()
    if open_step is None:
        yield None
        return
    backend.set_recording_step(None)
    try:
        yield open_step
    finally:
        backend.set_recording_step(open_step)


def _newest_step(*, redo: bool, other_than: int | None) -> UndoStep | None:
    query = UndoStep.select().where(UndoStep.redo == redo).order_by(UndoStep.id.desc())
    if other_than is not None:
        query = query.where(UndoStep.id != other_than)
    return query.first()


def _kept(step_id: int) -> bool:
    """Forget the step if it changed nothing; whether it is kept."""
    if UndoEntry.select().where(UndoEntry.step == step_id).exists():
        return True
    UndoStep.delete().where(UndoStep.id == step_id).execute()
    return False


def _forget_redo() -> None:
    UndoStep.delete().where(UndoStep.redo).execute()


def _forget_all_but_newest(count: int) -> None:
    newest = (UndoStep.select(UndoStep.id).where(~UndoStep.redo)
              .order_by(UndoStep.id.desc()).limit(count))
    UndoStep.delete().where(~UndoStep.redo & UndoStep.id.not_in(newest)).execute()
