"""The investigators' HTTP API: a thin FastAPI skin over ``queries`` and ``visualisation``."""
