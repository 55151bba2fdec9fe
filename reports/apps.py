from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Laporan LAKIP (PDF)"

    def ready(self):
        from reports import signals

        signals.connect()
