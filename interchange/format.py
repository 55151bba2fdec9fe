"""Constants of the ``lakip/1`` file format, shared by the import and the export so both read one spec."""

FORMAT = "lakip/1"

# The key under which a budget line of each level lists its children; a sub kegiatan has none.
LINE_CHILDREN = {"program": "activities", "activity": "sub_activities"}
