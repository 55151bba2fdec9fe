"""The mechanics of the access matrix: the URL patterns as the resolver has them, one request by one role in a
rolled-back savepoint, a digest of every data table, the forms of a page as a browser would post them, and the
judgement of a response.

The table of what each pattern means and who may open it lives in ``test_access_matrix.py``.
"""

import hashlib
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import got_request_exception
from django.db import connection, transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from tests.security.world import PDF_BYTES

# Every request the matrix made: (role, method) -> count, and the distinct (role, address, method) triples.
TRIED = Counter()
TRIED_TRIPLES = set()

# --- The URL patterns --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    """One URL pattern: its full route, its namespaced name (None when unnamed), the admin model it belongs to
    (a label, for patterns under a model's admin) and its kind (the name's suffix for a model's admin pattern,
    ``object_redirect`` for the unnamed ``<id>/``, ``catch_all`` for the admin's catch-all)."""

    route: str
    name: str | None
    model: str | None
    kind: str
    converters: tuple

    @property
    def key(self):
        if self.model:
            return f"admin:{self.model}:{self.kind}"
        return self.name or self.kind or self.route


MODEL_KINDS = ("changelist", "add", "change", "delete", "history", "simple_history", "password_change")


def _admin_models():
    return {f"{model._meta.app_label}/{model._meta.model_name}/": model for model in admin.site._registry}


def _converters(pattern):
    return tuple(getattr(pattern.pattern, "converters", {}) or pattern.pattern.regex.groupindex)


def routes():
    """Every URL pattern of the site and the admin, walked recursively through the includes."""
    models = _admin_models()
    found = []

    def walk(resolver, prefix, namespace, model, converters):
        for pattern in resolver.url_patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                space = ":".join(part for part in (namespace, pattern.namespace) if part) or None
                inner = models.get(str(pattern.pattern)) if space == "admin" and model is None else model
                walk(pattern, route, space, inner, converters + _converters(pattern))
                continue
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            label = model._meta.label_lower if model is not None else None
            kind = ""
            if label and pattern.name:
                prefix_name = f"{model._meta.app_label}_{model._meta.model_name}_"
                kind = pattern.name.removeprefix(prefix_name) if pattern.name.startswith(prefix_name) else pattern.name
            elif label and str(pattern.pattern) == "<path:object_id>/":
                kind = "object_redirect"
            elif namespace == "admin" and not pattern.name:
                kind = "catch_all" if getattr(pattern.callback, "__name__", "") == "catch_all_view" else ""
            found.append(Route(route, name, label, kind, converters + _converters(pattern)))

    walk(get_resolver(), "/", None, None, ())
    return found


# --- Requests ----------------------------------------------------------------------------------------------------


def login_paths():
    return (reverse("login"), reverse("admin:login"))


@dataclass
class Answer:
    status: int
    location: str
    body: bytes
    content_type: str
    allow: str = ""  # the methods a 405 names
    changed: tuple = ()  # the tables (and "files", "mail") a POST changed
    error: str = ""


def _body(response):
    """The body; a streamed one is read to its end, which closes it (the test handler closes the others: closing
    them again would send ``request_finished`` and close the database connection inside the transaction)."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


class QuietClient(Client):
    """The test client without what the matrix does not read: it keeps no copy of every template context rendered
    (the admin renders hundreds per page), and a view's exception is kept on ``exception`` rather than raised."""

    exception = None

    def request(self, **request):
        def keep(sender, request=None, **kwargs):
            error = sys.exc_info()[1]
            self.exception = f"{type(error).__name__}: {error}"

        uid = f"security-matrix-{id(self)}"
        got_request_exception.connect(keep, dispatch_uid=uid)
        try:
            return self.handler(self._base_environ(**request))
        finally:
            got_request_exception.disconnect(dispatch_uid=uid)


def ask(world, role, method, url, data=None, *, baseline=None):
    """One request by ``role``, in a savepoint rolled back afterwards; for a POST, what it changed against
    ``baseline`` (a ``digest``)."""
    client = QuietClient()
    if role.session:
        client.cookies[settings.SESSION_COOKIE_NAME] = role.session
    TRIED[(role.key, method)] += 1
    TRIED_TRIPLES.add((role.key, url, method))
    if baseline is not None:
        baseline = {**baseline, "files": _files()}  # files outlive the savepoint: compared from just before
    try:
        with transaction.atomic():
            response = client.get(url) if method == "GET" else client.post(url, _to_send(world, data or {}))
            answer = Answer(
                status=response.status_code,
                location=response.get("Location", ""),
                body=_body(response),
                content_type=response.get("Content-Type", ""),
                allow=response.get("Allow", ""),
                error=client.exception or "",
            )
            if baseline is not None:
                answer.changed = differences(baseline, digest())
            transaction.set_rollback(True)
    except Exception as error:  # a stack trace a user would meet: judged as a failure, the walk goes on
        return Answer(status=500, location="", body=b"", content_type="", error=f"{type(error).__name__}: {error}")
    return answer


# --- What a POST may not change ----------------------------------------------------------------------------------

DIGEST_APPS = {
    "agencies",
    "indicators",
    "budgets",
    "review",
    "reports",
    "interchange",
    "auth",
    "admin",
    "django_tasks_database",
}


def digest_models():
    """The data models (and their history tables and many-to-many tables) of the project, with users, groups,
    the admin's log and the task queue; not sessions, which signing in and out changes."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in DIGEST_APPS and not model._meta.proxy and model._meta.managed
    ]


def _table_queries():
    quote = connection.ops.quote_name
    return [
        (
            model._meta.label_lower,
            f"SELECT * FROM {quote(model._meta.db_table)} ORDER BY {quote(model._meta.pk.column)}",  # noqa: S608
        )
        for model in digest_models()
    ]


def digest():
    """Per table: a hash of every row (so its count, its ids and its values); plus the stored files and the mail
    sent. Raw SQL, one query a table: it runs after every POST."""
    found = {}
    with connection.cursor() as cursor:
        for label, sql in _table_queries():
            cursor.execute(sql)
            found[label] = hashlib.sha256(repr(cursor.fetchall()).encode()).hexdigest()
    found["files"] = _files()
    found["mail"] = str(len(getattr(mail, "outbox", [])))
    return found


def _files():
    files = []
    for folder, _, names in os.walk(settings.MEDIA_ROOT):
        files.extend(os.path.join(folder, name) for name in names)
    return hashlib.sha256(repr(sorted(files)).encode()).hexdigest()


def differences(before, after):
    return tuple(sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name)))


# --- The forms of a page -----------------------------------------------------------------------------------------


class _Forms(HTMLParser):
    """The POST forms of a page: action, fields (name, value) as a browser would send them, file inputs. A control
    belongs to the form around it or to the one its ``form`` attribute names (a grid's boxes sit in table cells
    outside their form); a disabled control is not sent."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self.form = None
        self.controls = []  # (owner: a form id or the form dict, what: "field"|"file"|"button", name, value)
        self.textarea = None
        self.select = None

    def _owner(self, attrs):
        return attrs.get("form") or self.form

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.form = {
                "action": attrs.get("action") or "",
                "method": (attrs.get("method") or "get").lower(),
                "id": attrs.get("id") or "",
                "fields": [],
                "files": [],
                "button": None,
            }
            self.forms.append(self.form)
            return
        if tag == "option" and self.select is not None:
            value = attrs.get("value", "")
            if self.select["first"] is None:
                self.select["first"] = value
            if "selected" in attrs:
                self.select["chosen"].append(value)
            return
        name = attrs.get("name")
        owner = self._owner(attrs)
        if owner is None or not name or "disabled" in attrs:
            return
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind == "file":
                self.controls.append((owner, "file", name, attrs.get("accept") or ""))
            elif kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.controls.append((owner, "field", name, attrs.get("value") or "on"))
            elif kind == "submit":
                self.controls.append((owner, "button", name, attrs.get("value") or ""))
            elif kind not in ("image", "button", "reset"):
                self.controls.append((owner, "field", name, _typed(kind, name, attrs.get("value") or "")))
        elif tag == "button" and (attrs.get("type") or "submit") == "submit":
            self.controls.append((owner, "button", name, attrs.get("value") or ""))
        elif tag == "textarea":
            self.textarea = [owner, name, ""]
        elif tag == "select":
            self.select = {"owner": owner, "name": name, "first": None, "chosen": [], "multiple": "multiple" in attrs}

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[2] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea is not None:
            owner, name, text = self.textarea
            text = text.removeprefix("\n")
            self.controls.append((owner, "field", name, _typed_text(name, text)))
            self.textarea = None
        elif tag == "select" and self.select is not None:
            select = self.select
            chosen = select["chosen"] or ([] if select["multiple"] else [select["first"] or ""])
            self.controls.extend((select["owner"], "field", select["name"], value) for value in chosen)
            self.select = None
        elif tag == "form":
            self.form = None

    def close(self):
        super().close()
        by_id = {form["id"]: form for form in self.forms if form["id"]}
        for owner, what, name, value in self.controls:
            form = by_id.get(owner) if isinstance(owner, str) else owner
            if form is None:
                continue
            if what == "file":
                form["files"].append((name, value))
            elif what == "button":
                form["button"] = form["button"] or (name, value)
            else:
                form["fields"].append((name, value))


def _typed(kind, name, value):
    """What a person changing the form would type, keeping it valid: a number changed (not a year), a text of
    words extended, a password set; codes, slugs, dates and hidden values kept."""
    if kind == "hidden" or kind in ("date", "datetime-local", "time", "email", "url"):
        return value
    if kind == "password":
        return "RahasiaBaru-2024!"
    if re.fullmatch(r"[0-9]+([.,][0-9]+)?", value):
        return value if re.fullmatch(r"(19|20)[0-9]{2}", value) else "77"
    if " " in value.strip():
        return f"{value} diubah"
    return "bagian-luar" if not value and name.endswith("key") else value


def _typed_text(name, text):
    """A textarea: words extended, JSON kept; an empty one filled only when it is the text or reason asked for."""
    if text.strip().startswith(("[", "{")) or text.strip() == "null":
        return text
    if text.strip():
        return f"{text} (diubah)"
    return "Teks dari orang luar." if name.endswith(("text", "reason")) else ""


@dataclass(frozen=True)
class FileInput:
    """A file box of a form: a fresh file is made for each POST (a file once read is read to its end)."""

    accept: str


def _upload(accept):
    """A small file of a kind the input accepts: a PDF when it takes one, else a workbook or a ``lakip/1`` file."""
    if "pdf" in accept or not accept:
        return SimpleUploadedFile("bukti.pdf", PDF_BYTES, content_type="application/pdf")
    if ".xlsx" in accept or "spreadsheet" in accept:
        return SimpleUploadedFile("lakip.xlsx", b"PK\x03\x04", content_type="application/octet-stream")
    if "json" in accept:
        return SimpleUploadedFile("data.lakip.json", b'{"format": "lakip/1"}', content_type="application/json")
    return SimpleUploadedFile("berkas.bin", PDF_BYTES, content_type="application/octet-stream")


def page_forms(body, page_url):
    parser = _Forms()
    parser.feed(body.decode("utf-8", "replace"))
    parser.close()
    for form in parser.forms:
        form["path"] = urlsplit(urljoin(f"http://testserver{page_url}", form["action"] or page_url)).path
    return [form for form in parser.forms if form["method"] == "post"]


def neutral(world, value):
    """``value`` with every marker replaced, so that a page echoing what was posted does not seem to leak it."""
    if not isinstance(value, str):
        return value
    for target in world.targets.values():
        value = re.sub(target.marker, "Luar", value, flags=re.IGNORECASE)
    for _, marker in world.governments.values():
        value = re.sub(marker, "Luar", value, flags=re.IGNORECASE)
    return value


def _to_send(world, data):
    """What a payload posts: files made, markers replaced (but in ``next``, the address to come back to)."""
    sent = {}
    for name, value in data.items():
        if isinstance(value, FileInput):
            sent[name] = _upload(value.accept)
        elif name == "next":
            sent[name] = value
        elif isinstance(value, list):
            sent[name] = [neutral(world, item) for item in value]
        else:
            sent[name] = neutral(world, value)
    return sent


def form_payload(form):
    data = {}
    for name, value in form["fields"]:
        data.setdefault(name, []).append(value)
    for name, accept in form["files"]:
        data[name] = FileInput(accept)
    if form["button"] is not None:
        data.setdefault(form["button"][0], [form["button"][1]])
    return {name: value[0] if isinstance(value, list) and len(value) == 1 else value for name, value in data.items()}


def harvest(world, page_url, post_path, *, any_main_form=False):
    """The payload the superuser's browser would post to ``post_path`` from the page at ``page_url`` (a form whose
    action is that address; with ``any_main_form``, the page's first POST form, as an admin change form posted to
    the add page), or None when the page has no such form."""
    key = (page_url, post_path, any_main_form)
    if key not in world.forms:
        world.forms[key] = _harvest(world, page_url, post_path, any_main_form)
    return world.forms[key]


def _harvest(world, page_url, post_path, any_main_form):
    answer = ask(world, world.roles["superuser"], "GET", page_url)
    if answer.status != 200 or "html" not in answer.content_type:
        return None
    forms = page_forms(answer.body, page_url)
    for form in forms:
        if form["path"] == post_path:
            return form_payload(form)
    if any_main_form and forms:
        main = next((form for form in forms if form["id"].endswith("_form")), forms[-1])
        return form_payload(main)
    return None


# --- Judging a response ------------------------------------------------------------------------------------------

# What a role is expected to meet.
OK = "ok"  # the page: 200, or a redirect within what it asked for (a download, a status page)
MAYBE = "maybe"  # it may see the object, but the page may still be refused (a policy, a frozen year)
DENY = "deny"  # refused: 403, 404, 405, or sent to log in; never a word of what it asked for
DENY_KNOWN = "deny_known"  # refused an action on an agency it may see: 403, 404, 405 or a redirect with a message
PUBLIC = "public"  # everyone, no login: 200


def is_login(location):
    path = urlsplit(location).path
    return any(path == login for login in login_paths())


def is_internal(location):
    parts = urlsplit(location)
    return location.startswith("/") and not location.startswith("//") or parts.netloc == "testserver"


def hidden_markers(world, role, public):
    """The markers of the agencies and governments ``role`` may not see; on a public page, only those of agencies
    that have no approved version (and of their governments when no agency of theirs has one)."""
    if role.is_superuser:
        return []
    markers = []
    published = {key for key, target in world.targets.items() if target.version is not None}
    for key, target in world.targets.items():
        if key in role.agencies or (public and key in published):
            continue
        markers.append((f"agency {key}", target.marker))
    published_governments = {world.targets[key].government_key for key in published}
    for key, (_, marker) in world.governments.items():
        if key in role.governments or (public and key in published_governments):
            continue
        markers.append((f"government {key}", marker))
    return markers


def judge(world, role, method, url, answer, expect, *, public=False, allowed_redirect=None, must_show=()):
    """The problems of ``answer`` (empty when it is as expected), each a line naming role, method and address."""
    problems = []

    def wrong(text):
        problems.append(f"{role.key:<15} {method:<4} {url}: {text}")

    if answer.error:
        wrong(f"raised {answer.error}")
        return problems
    status, location = answer.status, answer.location
    body = answer.body.lower()
    for what, marker in hidden_markers(world, role, public):
        if marker.lower().encode() in body:
            wrong(f"status {status} shows {what} ({marker})")
        if location and not is_login(location) and marker.lower() in location.lower():
            wrong(f"redirects to {location}, naming {what}")
    if status >= 500:
        wrong(f"status {status}")
    elif expect == OK and method == "GET":
        redirect_ok = status in (301, 302, 303) and is_internal(location) and not is_login(location)
        if redirect_ok and allowed_redirect is not None:
            redirect_ok = allowed_redirect(location)
        post_only = status == 405 and "GET" not in answer.allow  # an action: its page is where its form is
        if not (status == 200 or redirect_ok or post_only):
            wrong(f"expected the page, got {status} {location}")
        elif status == 200:
            for text in must_show:
                if text.lower().encode() not in body:
                    wrong(f"does not show {text!r}")
    elif expect == PUBLIC and method == "GET":
        if status != 200:
            wrong(f"expected the public page, got {status} {location}")
        for text in must_show:
            if text.lower().encode() not in body:
                wrong(f"does not show {text!r}")
    elif expect == DENY:
        refused = status in (403, 404, 405) or (status in (301, 302) and (is_login(location) or _admin_index(location)))
        if not refused:
            wrong(f"expected a refusal (403/404/405/log in), got {status} {location}")
    elif expect == DENY_KNOWN:
        if not (status in (403, 404, 405) or (status in (301, 302, 303) and is_internal(location))):
            wrong(f"expected a refusal, got {status} {location}")
    elif expect == MAYBE and not (
        status in (200, 400, 403, 404, 405) or (status in (301, 302, 303) and is_internal(location))
    ):
        wrong(f"got {status} {location}")
    if method == "POST" and answer.changed:
        wrong(f"status {status} and the POST changed {', '.join(answer.changed)}")
    return problems


def _admin_index(location):
    return urlsplit(location).path == reverse("admin:index")
