"""`make bench`: realistic data at two sizes, the key pages timed through gunicorn, a table.

A package of its own rather than a management command of one app: it reaches into every app
(agreements, students, strategy, the dashboard), which no app may do under the one-way
dependency rule, and it drives several processes (one per database, gunicorn) that a single
Django process cannot be: the settings bind one database per process.
"""
