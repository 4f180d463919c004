"""What the API and the pages share: the app of a request, and the default as-of month."""

from __future__ import annotations

from datetime import date

from fastapi import Request

from bioecon.app import Bioecon
from bioecon.domain.periods import Period
from bioecon.services import quality as quality_service


def app_of(request: Request) -> Bioecon:
    """The Bioecon instance the web app serves (``create_app`` puts it on the app's state)."""
    app: Bioecon = request.app.state.bioecon
    return app


def default_as_of(app: Bioecon) -> Period:
    """The latest month with data, else the month before this one."""
    latest = quality_service.latest_data_month(app)
    return latest or Period.containing(date.today()).previous()
