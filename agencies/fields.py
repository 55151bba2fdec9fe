"""Model fields for numbers people type: every ModelForm (the admin, the planner's pages) reads them the same way.

A person types ``89,5`` or ``Rp 1.234.567,89``; the database keeps plain decimals (``"89.5"``,
``Decimal("1234567.89")``), as ``lakip/1`` files do. The model fields here give their forms a form field that
reads the Indonesian spelling with ``domain`` (``parse_typed_money``, ``parse_typed_value``), refuses what it
cannot read with a sentence that says what to type, and shows the stored value back the Indonesian way
(``87,30``, ``1.234.567,89``). Django's own localized DecimalField is not used: with the site's thousands dot
it would read ``87.30`` as 8730 without a word.
"""

from decimal import Decimal
from functools import partial

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from domain.numbers import TypedNumberError, format_money, format_value, parse_typed_money
from domain.values import parse_typed_value, value_problem


def _read(parse, text):
    """``parse(text)``, with its refusal turned into the form error shown under the box."""
    try:
        return parse(text)
    except TypedNumberError as error:
        raise ValidationError(str(error), code="invalid") from error


class MoneyFormField(forms.DecimalField):
    """A rupiah amount in a text box: ``Rp 1.234.567,89`` is read as 1234567.89, and shown as ``1.234.567,89``.

    A text box, not a number box: browsers refuse ``1.234.567,89`` in ``<input type="number">``.
    """

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def to_python(self, value):
        # A disabled field is cleaned from its initial value, the stored Decimal: nothing typed to read.
        if value in self.empty_values or self.disabled:
            return super().to_python(value)
        return _read(parse_typed_money, value)

    def prepare_value(self, value):
        """A stored amount the Indonesian way; text coming back from a refused form stays as typed."""
        return value if value is None or isinstance(value, str) else format_money(value)


class TypedText(str):
    """What a person typed into a value box, shown back unchanged when the form returns with an error.

    A stored value and a typed one are both text but read differently: stored ``"1.234"`` is shown as
    ``1,234``, while typed ``1.234`` means 1234 and must stay ``1.234``. Django's ``forms.JSONField`` marks
    its typed text the same way (``InvalidJSONInput``).
    """


class ValueFormField(forms.CharField):
    """A target or realisation in a text box: a number typed the Indonesian way, a range, or a grade.

    The cleaned value is the stored text (``89,5`` → ``"89.5"``, ``80 s.d. 90`` → ``"80-90"``, ``BB``), so the
    model's length and grammar checks see what will be stored.
    """

    def __init__(self, *, allow_range=True, **kwargs):
        self.allow_range = allow_range
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        # A disabled field is cleaned from its initial value, the stored text: nothing typed to read.
        if value in self.empty_values or self.disabled:
            return value
        return _read(partial(parse_typed_value, allow_range=self.allow_range), value)

    def bound_data(self, data, initial):
        if self.disabled or data is None:
            return super().bound_data(data, initial)
        return TypedText(data)

    def prepare_value(self, value):
        """A stored value the Indonesian way (``87.30`` → ``87,30``, ``80-90`` → ``80–90``); typed text as typed."""
        if not value or isinstance(value, TypedText):
            return value
        return format_value(value)


class MoneyField(models.DecimalField):
    """A rupiah amount: exact to the sen (18 digits, 2 places), never negative, typed ``Rp 1.234.567,89``.

    Exact on every database. PostgreSQL keeps it as ``numeric(18, 2)``. SQLite has no exact decimal column:
    Django stores a DecimalField there with numeric affinity, which keeps 15 significant digits, so a province's
    10.286.194.433.788,63 would come back as …788,60 and a parent line would differ from its children's sum.
    On SQLite the amount is kept as its decimal text instead, and read back exactly.
    """

    default_validators = [MinValueValidator(0)]

    def __init__(self, *args, max_digits=18, decimal_places=2, **kwargs):
        super().__init__(*args, max_digits=max_digits, decimal_places=decimal_places, **kwargs)

    def get_internal_type(self):
        # Not "DecimalField": Django's SQLite backend reads a DecimalField back through a 15-digit float.
        return "MoneyField"

    def db_type(self, connection):
        if connection.vendor == "sqlite":
            return "text"
        return connection.data_types["DecimalField"] % self.db_type_parameters(connection)

    def get_db_prep_value(self, value, connection, prepared=False):
        value = super().get_db_prep_value(value, connection, prepared)
        if connection.vendor == "sqlite" and isinstance(value, Decimal):
            return f"{value:f}"
        return value

    def from_db_value(self, value, expression, connection):
        return None if value is None else Decimal(value)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": MoneyFormField, **kwargs})


def stored_value_validator(allow_range):
    """The model-level check of a target or realisation: the stored text obeys ``domain.values``' grammar.

    It runs on every ``full_clean``, whatever filled the field, so a value typed past the form (a shell, a
    form of another kind) is refused the same way.
    """

    def validate(text):
        problem = value_problem(text, allow_range=allow_range)
        if problem:
            raise ValidationError(problem, code="invalid_value")

    return validate


class ValueField(models.CharField):
    """A target or realisation (``allow_range=False`` for realisations): a number, a range or a grade.

    Stored as the plain text of ``domain.values`` (``"87.30"``, ``"80-90"``, ``"BB"``), typed the Indonesian
    way (``87,30``, ``80 s.d. 90``).
    """

    def __init__(self, *args, allow_range=True, **kwargs):
        self.allow_range = allow_range
        super().__init__(*args, **kwargs)
        self.validators.append(stored_value_validator(allow_range))

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if not self.allow_range:
            kwargs["allow_range"] = False
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ValueFormField, "allow_range": self.allow_range, **kwargs})
