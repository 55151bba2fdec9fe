"""``{% pdf_state report_year as pdf %}``: the PDF's render state for a page outside this app.

The year page (``web``) shows the state beside its download link. Consumers do not import one another, so the page
loads this library by name, as it links to the PDF by its URL name.
"""

from django import template

from reports.models import RenderState

register = template.Library()


@register.simple_tag
def pdf_state(report_year):
    """The RenderState of ``report_year`` with its current PDF, or None before the first render was asked for."""
    return RenderState.objects.select_related("current").filter(report_year=report_year).first()
