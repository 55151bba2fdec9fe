"""The planner's pages, one module per page of the workspace.

Every view checks access through ``agencies.access`` first (an agency the user cannot see is a 404, so its
code does not leak), then reads figures from the computation engine; templates only format. A module whose
pages live under a report year (``/agencies/<code>/<year>/...``) lists them in its own ``urlpatterns``, which
``web.urls`` includes.
"""
