# One image for every part; compose.yaml picks the part by its command.
FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 MALLOC_ARENA_MAX=2 UV_PROJECT_ENVIRONMENT=/opt/venv PATH=/opt/venv/bin:$PATH
RUN pip install --no-cache-dir uv
WORKDIR /app
COPY . .
# WeasyPrint renders the case documents: pango and a CJK font named in their CSS.
RUN sh scripts/ensure-documents.sh
RUN uv sync --frozen --no-dev --compile-bytecode
RUN pybabel -q compile -d gateway/src/gateway/locale -D messages
EXPOSE 8000
CMD ["python", "-m", "gateway", "serve", "--host", "0.0.0.0", "--port", "8000"]
