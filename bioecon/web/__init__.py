"""The web app: server-rendered pages (Chinese first, English available) and a JSON API."""
