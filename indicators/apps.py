from django.apps import AppConfig
from django.db.models.signals import post_delete


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = "Perencanaan dan Kinerja"

    def ready(self):
        from indicators.models import EvidenceFile
        from indicators.signals import delete_stored_file

        post_delete.connect(delete_stored_file, sender=EvidenceFile, dispatch_uid="lakip-evidence-file")
