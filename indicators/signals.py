"""An evidence file's stored file goes with its record, however the record goes (the Bukti page, a realisation
or indicator deleted in the admin, a re-import), once the deletion is committed: a rolled-back deletion keeps
its file."""

from django.db import transaction


def delete_stored_file(sender, instance, **kwargs):
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))
