"""``/_mock/dashboard``: the mock's state in a browser, with the outside world's buttons.

Server-rendered (Jinja2, no build step). The page fetches its panels again every second and the
buttons call the existing control API (``/_mock/cash-in/{id}/pay``, ...), so the dashboard adds no
way of changing state that the control API does not already have.
"""

from .routes import routes

__all__ = ["routes"]
