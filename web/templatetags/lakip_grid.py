"""``{% cell field %}``: one box of an entry grid, written directly from its form field.

Django renders a form field through its widget's templates, about a millisecond a box; a grid of 150 indicators
has over a thousand boxes. This tag writes the same ``<input>`` or ``<select>`` (the widget's attributes, the
value as the form field shows it, e.g. ``78,13``), and the field's errors after it when it has any. Every
attribute name, value and option text is escaped with ``html.escape`` (quotes included); Django's own escaping
helpers, made for lazy strings, cost more than the box.
"""

from functools import lru_cache
from html import escape

from django import forms, template
from django.utils.safestring import mark_safe

register = template.Library()


def _attributes(attrs):
    return "".join(
        f" {escape(str(name))}" if value is True else f' {escape(str(name))}="{escape(str(value))}"'
        for name, value in attrs
        if value is not None and value is not False
    )


@lru_cache(maxsize=256)
def _widget_attributes(attrs):
    """The attributes a widget gives every row's box (class, size, maxlength...), written once per grid."""
    return _attributes(attrs)


@register.simple_tag
def cell(field, label="", form=None, disabled=False):
    """The box of a bound ``field``, named for screen readers by ``label`` (the row's code) after the field's label.
    ``form`` is the id of the ``<form>`` the box belongs to when it stands outside it (a grid's table holds forms of
    its own beside the rows: a review note's answer); ``disabled`` shows it read-only (a locked year)."""
    widget = field.field.widget
    shared = {name: value for name, value in widget.attrs.items() if name != "type"}
    attrs = _widget_attributes(tuple(shared.items())) + _attributes(
        [
            ("name", field.html_name),
            ("id", field.auto_id),
            ("aria-label", f"{field.label} {label}".strip()),
            ("form", form),
            ("disabled", bool(disabled) and "disabled" not in shared),
        ]
    )
    value = field.value()
    if isinstance(widget, forms.Select):
        chosen = "" if value is None else str(value)
        options = "".join(
            f'<option value="{escape(str(choice))}"{" selected" if str(choice) == chosen else ""}>'
            f"{escape(str(text))}</option>"
            for choice, text in field.field.choices
        )
        box = f"<select{attrs}>{options}</select>"
    else:
        input_type = widget.attrs.get("type", widget.input_type)
        shown = _attributes([("value", widget.format_value(value))])
        box = f'<input type="{escape(input_type)}"{attrs}{shown}>'
    errors = field.errors
    return mark_safe(f"{box}{errors}" if errors else box)  # noqa: S308 (every part escaped above; errors are an ErrorList)
