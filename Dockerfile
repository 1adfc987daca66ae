# The Linkwatch API image (used by docker-compose.yml's `api` service).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN useradd --create-home --uid 10001 linkwatch \
    && install -d -m 0700 -o linkwatch -g linkwatch /var/lib/linkwatch
WORKDIR /app

COPY pyproject.toml README.md ./
COPY linkwatch ./linkwatch
COPY graph_model ./graph_model
COPY governance ./governance
COPY ingest ./ingest
COPY queries ./queries
COPY api ./api
COPY visualisation ./visualisation
RUN pip install .

USER linkwatch
EXPOSE 8000
# Apply the schema (idempotent), then serve. Inside the container it listens on all
# interfaces; docker-compose.yml publishes the port on 127.0.0.1 only.
CMD ["sh", "-c", "linkwatch db migrate && exec linkwatch serve --host 0.0.0.0 --port 8000"]
