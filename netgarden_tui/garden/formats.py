"""The file formats netgarden reads and writes, named once (a light module: the command
line lists them at every start, before anything heavy is loaded)."""

IMPORT_FORMATS = ("vcard", "linkedin", "google", "csv", "json")
EXPORT_FORMATS = ("json", "vcard", "csv", "ics")

# What netgarden's vCards carry that vCard has no property for: the work history (a
# structured company;department;title, with X-ENDED) and where and when you met. Other
# programs pass them over; netgarden's import reads them back.
VCARD_PAST_JOB = "X-NETGARDEN-PAST-JOB"
VCARD_MET_WHERE = "X-NETGARDEN-MET-WHERE"
VCARD_MET_ON = "X-NETGARDEN-MET-ON"

# Formula starters a spreadsheet would run (OWASP's list): netgarden's CSV puts an
# apostrophe before a cell that begins with one, and its import takes it off again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
