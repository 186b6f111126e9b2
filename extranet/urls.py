from django.urls import path

from . import views

app_name = "extranet"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("associations/<slug:slug>/profile/", views.profile_edit, name="profile_edit"),
    path("associations/<slug:slug>/reports/", views.report_upload, name="report_upload"),
    path("associations/<slug:slug>/reports/<int:pk>/", views.report_edit, name="report_edit"),
    path("associations/<slug:slug>/declarations/propose/", views.declaration_propose, name="declaration_propose"),
    path(
        "associations/<slug:slug>/declarations/proposals/<int:pk>/revise/",
        views.declaration_revise,
        name="declaration_revise",
    ),
    path("declarations/<uuid:translation_key>/sign/<slug:slug>/", views.declaration_sign, name="declaration_sign"),
    path(
        "declarations/<uuid:translation_key>/withdraw/<slug:slug>/",
        views.declaration_withdraw,
        name="declaration_withdraw",
    ),
    path("associations/<slug:slug>/websites/check/", views.website_check, name="website_check"),
    path("actions/<int:pk>/done/", views.action_done, name="action_done"),
    path("meetings/", views.meeting_list, name="meetings"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/attendance/<slug:slug>/", views.meeting_attendance, name="meeting_attendance"),
    path("minutes/<int:pk>/", views.minutes_detail, name="minutes_detail"),
    path("minutes/<int:pk>/pdf/", views.minutes_pdf, name="minutes_pdf"),
    path("calendar/", views.my_calendar, name="calendar"),
    path("calendar/reset/", views.calendar_reset, name="calendar_reset"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("ballots/", views.ballot_list, name="ballots"),
    path("ballots/<int:pk>/", views.ballot_detail, name="ballot_detail"),
    path("ballots/<int:pk>/vote/<slug:slug>/", views.ballot_vote, name="ballot_vote"),
    path("documents/", views.documents, name="documents"),
    path("files/<int:pk>/", views.document_download, name="document_download"),
    path("directory/", views.directory, name="directory"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept_invitation"),
]
