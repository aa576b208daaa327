"""Check a recorded HTTP request against Spotify's OpenAPI spec (2026 version).

``check_request(method, url, body=..., content_type=...)`` returns a list of problems (empty when
the request is one the real API documents): the path must match a spec path template, the method
must exist there, every query parameter must be declared and within its schema (type,
minimum/maximum, enum; comma lists for ``explode: false`` arrays), required ones present, and a
JSON body must fit the declared top-level schema. The ``spotify_api`` fixture in ``conftest.py``
runs it on every call a test makes.

The spec is ``tests/data/spotify-web-api.openapi.yml``, parsed once per test session.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import yaml

SPEC_NAME = "spotify-web-api.openapi.yml"
SPEC_PATH = Path(__file__).parent / "data" / SPEC_NAME
DEFAULT_BASE = "https://api.spotify.com/v1/"

# Limits the spec states only in prose: at most 100 URIs / items per playlist write.
BODY_ARRAY_LIMITS = {
    ("/playlists/{playlist_id}/items", "uris"): 100,
    ("/playlists/{playlist_id}/items", "items"): 100,
}


@functools.cache
def spec() -> dict[str, Any]:
    """The parsed OpenAPI document."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with SPEC_PATH.open(encoding="utf-8") as f:
        return yaml.load(f, Loader=loader)


@functools.cache
def _templates() -> list[tuple[re.Pattern[str], str, int]]:
    out = []
    for template in spec()["paths"]:
        pattern = re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template))
        out.append((re.compile(f"^{pattern}$"), template, template.count("{")))
    # Prefer literal paths over templated ones (e.g. /me/playlists over /users/{user_id}).
    return sorted(out, key=lambda t: t[2])


def _resolve(node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = spec()
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def match_path(path: str) -> str | None:
    """The spec path template that ``path`` (relative to the base, e.g. ``/search``) matches."""
    path = path.rstrip("/") or "/"  # Spotify serves /me/ as /me (spotipy calls "me/")
    for pattern, template, _ in _templates():
        if pattern.match(path):
            return template
    return None


def check_request(
    method: str,
    url: str,
    *,
    body: bytes | str | None = None,
    content_type: str | None = None,
    base: str = DEFAULT_BASE,
) -> list[str]:
    """Problems with one request to the Web API at ``base``; [] if the spec allows it."""
    label = f"{method} {url}"
    if not url.startswith(base):
        return [f"{label}: not under the API base {base}"]
    parts = urlsplit(url)
    path = "/" + unquote(parts.path[len(urlsplit(base).path) :])
    template = match_path(path)
    if template is None:
        return [f"{label}: path {path} is not in the Spotify API"]
    path_item = spec()["paths"][template]
    operation = path_item.get(method.lower())
    if operation is None:
        allowed = sorted(m.upper() for m in path_item if m in {"get", "post", "put", "delete"})
        return [f"{label}: {template} has no {method} (only {', '.join(allowed)})"]
    if operation.get("deprecated"):
        problems = [f"{label}: {method} {template} is deprecated"]
    else:
        problems = []

    params = [
        _resolve(p) for p in path_item.get("parameters", []) + operation.get("parameters", [])
    ]
    declared = {p["name"]: p for p in params if p.get("in") == "query"}
    query = parse_qsl(parts.query, keep_blank_values=True)
    seen: dict[str, int] = {}
    for name, value in query:
        seen[name] = seen.get(name, 0) + 1
        param = declared.get(name)
        if param is None:
            problems.append(f"{label}: query parameter {name!r} is not declared for {template}")
            continue
        problems += [f"{label}: {name}={value!r} {p}" for p in _check_value(value, param)]
    for name, count in seen.items():
        if count > 1 and name in declared:
            problems.append(f"{label}: query parameter {name!r} given {count} times")
    for name, param in declared.items():
        if param.get("required") and name not in seen:
            problems.append(f"{label}: required query parameter {name!r} missing")

    problems += [f"{label}: {p}" for p in _check_body(template, operation, body, content_type)]
    return problems


def _check_value(value: str, param: dict[str, Any]) -> list[str]:
    schema = _resolve(param.get("schema", {}))
    if schema.get("type") == "array":
        if param.get("explode", True) is not False:
            return []
        items = _resolve(schema.get("items", {}))
        return [p for v in value.split(",") for p in _check_scalar(v, items)]
    return _check_scalar(value, schema)


def _check_scalar(value: str, schema: dict[str, Any]) -> list[str]:
    kind = schema.get("type", "string")
    number: float | None = None
    if kind == "integer":
        if not re.fullmatch(r"-?\d+", value):
            return ["is not an integer"]
        number = int(value)
    elif kind == "number":
        try:
            number = float(value)
        except ValueError:
            return ["is not a number"]
    elif kind == "boolean" and value not in ("true", "false"):
        return ["is not true/false"]
    problems = []
    if number is not None:
        if "minimum" in schema and number < schema["minimum"]:
            problems.append(f"is below the minimum {schema['minimum']}")
        if "maximum" in schema and number > schema["maximum"]:
            problems.append(f"is above the maximum {schema['maximum']}")
    if "enum" in schema and value not in [str(e) for e in schema["enum"]]:
        problems.append(f"is not one of {schema['enum']}")
    if kind == "string" and value == "" and not schema.get("enum"):
        problems.append("is empty")
    return problems


_JSON_TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "boolean": bool,
    "number": (int, float),
}


def _check_body(
    template: str, operation: dict[str, Any], body: bytes | str | None, content_type: str | None
) -> list[str]:
    declared = _resolve(operation.get("requestBody")) or {}
    content = declared.get("content", {})
    if not body:
        return ["request body is required but missing"] if declared.get("required") else []
    if not content:
        return ["sends a body, but the endpoint takes none"]
    media = (content_type or "").split(";")[0].strip().lower()
    if media not in content:
        return [f"body content type {media or 'none'!r} is not one of {sorted(content)}"]
    if media != "application/json":
        return []
    try:
        data = json.loads(body)
    except ValueError:
        return ["body is not valid JSON"]
    schema = _resolve(content[media].get("schema", {}))
    expected = _JSON_TYPES.get(schema.get("type", ""))
    if expected and not isinstance(data, expected):
        return [f"JSON body should be a {schema['type']}, got {type(data).__name__}"]
    if not isinstance(data, dict):
        return []
    problems = [
        f"JSON body lacks required {k!r}" for k in schema.get("required", []) if k not in data
    ]
    for key, value in data.items():
        prop = _resolve(schema.get("properties", {}).get(key))
        if prop is None:
            if schema.get("additionalProperties") is False:
                problems.append(f"JSON body has undeclared {key!r}")
            continue
        kind = prop.get("type")
        wanted = _JSON_TYPES.get(kind or "")
        if wanted and (
            not isinstance(value, wanted) or (isinstance(value, bool) != (kind == "boolean"))
        ):
            problems.append(f"JSON body {key!r} should be {kind}, got {json.dumps(value)[:40]}")
        limit = BODY_ARRAY_LIMITS.get((template, key))
        if limit and isinstance(value, list) and len(value) > limit:
            problems.append(f"JSON body {key!r} has {len(value)} entries; at most {limit}")
    return problems
