"""The admin, one module per concern: wording (French that agrees with each type), lists
(filters only), autocomplete, themes and their former addresses, the publishable admin
with its filters and history, the files a form replaces, the site with its editorial home
(``site``, ``dashboard``) and user accounts (``users``, registered from ``CufConfig``).

Content apps build on ``cuf.admin.publishable.PublishableAdmin``. The package itself
imports nothing: the admin site's class lives here (``site``), and Django resolves it
while the modules that register on it would still be loading. ``CufConfig.ready()``
imports them.
"""
