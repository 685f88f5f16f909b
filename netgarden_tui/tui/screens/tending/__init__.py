"""Tending one relationship: an opening gambit, a favour, an introduction, a life event,
who knows whom around a contact, and the favours with them to settle. Each is a modal
opened for the selected contact.

The four forms work like the quick log: the cursor starts in the text, every choice has a
key that works from there (``alt+letter``; where alt does not reach, ``tab`` to the row and
press the bare letter; b and f are never used, as terminals send ESC b / ESC f for word
jumps), a date typed in words shows what it means as you type, ``ctrl+s`` saves through
``app.perform`` (one transaction, one undo step) and ``escape`` asks before throwing typed
text away. The two lists (ListModal) move with j/k; in the favours a key marks the
highlighted one delivered, declined, not answered or open again, each through
``app.perform``. Every read runs in a worker: the "don't push your luck" check, the names
to introduce, the acquaintances, the favours.

One module a modal; base.py holds what they share.
"""
