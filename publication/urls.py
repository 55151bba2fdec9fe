"""The review workflow, the reviewer's desk, and the public pages (no login) of the approved reports."""

from django.urls import path

from publication.views import actions, desk, public

app_name = "publication"

YEAR = "agencies/<slug:code>/<year:year>/"
DESK = "reviu/<slug:code>/<year:year>/"

urlpatterns = [
    # The planner's side of the workflow.
    path(f"{YEAR}ajukan/", actions.submit, name="submit"),
    path(f"{YEAR}tarik/", actions.withdraw, name="withdraw"),
    path(f"{YEAR}catatan/<int:note_id>/jawab/", actions.reply, name="reply"),
    path(f"{YEAR}versi/<int:number>/<str:kind>", actions.version_file, name="version_file"),
    # The reviewer's desk.
    path("reviu/", desk.queue, name="desk"),
    path(DESK, desk.review, name="review"),
    path(f"{DESK}catatan/", actions.add_note, name="add_note"),
    path(f"{DESK}catatan/<int:note_id>/tutup/", actions.close_note, name="close_note"),
    path(f"{DESK}kembalikan/", actions.return_report, name="return"),
    path(f"{DESK}setujui/", actions.approve, name="approve"),
    path(f"{DESK}buka-kembali/", actions.reopen, name="reopen"),
    # Public: no login.
    path("publik/", public.governments, name="public_index"),
    path("publik/<slug:government>/", public.government_reports, name="public_government"),
    path("publik/laporan/<uuid:token>.pdf", public.version_pdf, name="public_pdf"),
    path("verifikasi/", public.verify, name="verify"),
    path("verifikasi/<uuid:token>/", public.version_page, name="verify_version"),
]
