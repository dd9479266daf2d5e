import pytest


@pytest.fixture(autouse=True)
def _english(english):
    """These tests read the services' messages in English."""
