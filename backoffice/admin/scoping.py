"""The agency scoping every LAKIP admin page uses.

Reviewers (Inspektorat) and planners get their rights from their role on a government or an agency,
not from Django's global model permissions: a global permission cannot say *which* agency. So every
ModelAdmin and inline of the project mixes in ``AgencyScopedMixin``, which narrows querysets, choices
and permissions to ``agencies.access``, and keeps approved reports frozen (``backoffice.admin.freezing``).
"""

from django.contrib import admin

from agencies.access import agency_id_of, agency_ids_for, filter_by_agency, scope_queryset
from backoffice.admin.freezing import FreezeCheckedForm, FreezeCheckedInlineFormSet, frozen_as_stored


def is_superuser(user):
    return user.is_active and user.is_superuser


def narrow_choices_to_agency(form_class, obj):
    """Offer only ``obj``'s own agency's objects in the related fields of a form about ``obj``.

    Codes such as ``S1`` or ``2024`` repeat across agencies; a reviewer of several agencies must not
    be able to link a target to another agency's Renstra year. ``form_class`` is built anew for every
    request by ``get_form``/``get_formset``, so changing its fields affects this request only.
    """
    agency_id = agency_id_of(obj) if obj is not None else None
    if agency_id is None:
        return
    for formfield in form_class.base_fields.values():
        if hasattr(formfield, "queryset"):
            formfield.queryset = filter_by_agency(formfield.queryset, agency_id)


class AgencyScopedMixin:
    """Scope a ModelAdmin or an inline to the agencies the user may access.

    Superusers see everything. Other active staff users see, add, change and delete the rows of their
    agencies (``agencies.access.agencies_for``) and pick related objects only among those. For an
    inline, ``obj`` is the parent object, so the parent's agency decides.

    Nobody, a superuser included, changes or deletes an object of an approved agency-year, nor adds to an
    inline of one (its page shows read-only), and every form is checked where its result lands
    (``FreezeCheckedForm``, ``FreezeCheckedInlineFormSet``).
    """

    form = FreezeCheckedForm
    formset = FreezeCheckedInlineFormSet

    def get_queryset(self, request):
        return scope_queryset(super().get_queryset(request), request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return self._scoped(super().formfield_for_foreignkey(db_field, request, **kwargs), request)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return self._scoped(super().formfield_for_manytomany(db_field, request, **kwargs), request)

    def _scoped(self, formfield, request):
        if formfield is not None and hasattr(formfield, "queryset"):
            formfield.queryset = scope_queryset(formfield.queryset, request.user)
        return formfield

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        narrow_choices_to_agency(form, obj)
        return form

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        narrow_choices_to_agency(formset.form, obj)
        return formset

    def has_agency_access(self, request, obj=None):
        user = request.user
        if is_superuser(user):
            return True
        if not (user.is_active and user.is_staff):
            return False
        if obj is None:
            return bool(agency_ids_for(user))
        return agency_id_of(obj) in agency_ids_for(user)

    def has_module_permission(self, request):
        return self.has_agency_access(request)

    def has_view_permission(self, request, obj=None):
        return self.has_agency_access(request, obj)

    def has_add_permission(self, request, obj=None):
        return self.has_agency_access(request, obj) and not frozen_as_stored(obj)

    def has_change_permission(self, request, obj=None):
        return self.has_agency_access(request, obj) and not frozen_as_stored(obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_agency_access(request, obj) and not frozen_as_stored(obj)


class ReadOnlyScopedAdmin(AgencyScopedMixin, admin.ModelAdmin):
    """The records of a report year that workers or the review workflow write (stored PDFs, uploads, review notes,
    approved versions): scoped to the user's agencies like every page, and read-only for everyone."""

    list_select_related = ("report_year__agency",)
    list_filter = (("report_year__agency", admin.RelatedOnlyFieldListFilter), "report_year__year")
    search_fields = ("report_year__agency__name", "report_year__agency__code")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.display(description="perangkat daerah", ordering="report_year__agency__name")
def report_agency(obj):
    return obj.report_year.agency
