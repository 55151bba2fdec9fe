"""Tables of the agency pages (django-tables2)."""

import django_tables2 as tables

from agencies.models import Agency


class AgencyTable(tables.Table):
    name = tables.Column(linkify=("web:agency_detail", {"code": tables.A("code")}))
    government = tables.Column(order_by=("government__name",))

    class Meta:
        model = Agency
        fields = ("name", "short_name", "government", "code")
        template_name = "web/table.html"
        attrs = {"class": "table"}
        empty_text = "Belum ada perangkat daerah yang dapat Anda akses."
