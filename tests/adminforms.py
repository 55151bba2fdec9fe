"""Posting an admin change page the way a browser does: every box as the page shows it, inlines included."""

from django.urls import reverse


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def shown(form):
    """What the browser posts back for ``form`` untouched: every box as the page shows it."""
    return {field.html_name: "" if field.value() is None else field.value() for field in form}


def save(client, obj, **typed):
    """Post ``obj``'s admin change page, inlines included, as shown, with ``typed`` typed over it."""
    context = client.get(change_url(obj)).context
    data = shown(context["adminform"].form)
    for inline in context["inline_admin_formsets"]:
        data |= shown(inline.formset.management_form)
        for form in inline.formset.forms:
            data |= shown(form)
    return client.post(change_url(obj), {**data, **typed})
