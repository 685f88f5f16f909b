"""The file formats netgarden reads and writes, named once (a light module: the command
line lists them at every start, before anything heavy is loaded)."""

IMPORT_FORMATS = ("vcard", "linkedin", "google", "csv", "json")
EXPORT_FORMATS = ("json", "vcard", "csv", "ics")
