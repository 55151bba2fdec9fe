"""The agencies a user may see, and one agency's report years and Renstra periods."""

import django_filters
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Q
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from agencies.access import agencies_for, get_agency_or_404, governments_for
from agencies.models import Agency
from web.tables import AgencyTable


class AgencyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Cari", method="search")
    government = django_filters.ModelChoiceFilter(
        label="Pemerintah daerah", queryset=lambda request: governments_for(request.user)
    )

    class Meta:
        model = Agency
        fields = ("q", "government")

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(short_name__icontains=value) | Q(code__icontains=value))


class AgencyListView(LoginRequiredMixin, SingleTableMixin, FilterView):
    """The agencies the user may access: all for a superuser, a government's for its reviewer."""

    table_class = AgencyTable
    filterset_class = AgencyFilter
    template_name = "web/agency_list.html"
    table_pagination = {"per_page": 25}
    http_method_names = ["get", "head"]

    def get_queryset(self):
        return agencies_for(self.request.user).select_related("government")


@login_required
@require_GET
def agency_detail(request, code):
    agency = get_agency_or_404(request.user, code)
    return render(
        request,
        "web/agency_detail.html",
        {
            "agency": agency,
            "report_years": agency.report_years.order_by("-year"),
            "renstras": agency.renstras.order_by("-start_year"),
        },
    )
