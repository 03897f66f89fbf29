"""Change report between two OpenAPI documents: what moved, and whether it breaks clients.

Operations and webhooks are compared field by field: every request and response body is flattened
into dotted field paths (with $refs, allOf, oneOf and anyOf resolved) carrying type, format, enum
and required-ness. The rules for "breaking" are the usual ones for a client library:
- removing an operation, a response field, or a request field: breaking;
- a request field that becomes required, or a new required request field: breaking;
- a type or format change anywhere: breaking;
- an enum value removed from a request field, or added to a response field: breaking for strict
  clients (ours tolerates unknown response values, so that is reported as "tolerated").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


@dataclass(frozen=True)
class FieldInfo:
    types: tuple[str, ...]
    format: str | None
    enum: tuple[str, ...] | None
    required: bool


@dataclass
class Change:
    where: str
    what: str
    breaking: bool
    note: str = ""

    def render(self) -> str:
        mark = "BREAKING" if self.breaking else "ok      "
        note = f" ({self.note})" if self.note else ""
        return f"  [{mark}] {self.where}: {self.what}{note}"


@dataclass
class Report:
    changes: list[Change] = field(default_factory=list)

    @property
    def breaking(self) -> bool:
        return any(c.breaking for c in self.changes)

    def render(self) -> str:
        if not self.changes:
            return "No contract changes."
        head = f"{len(self.changes)} change(s), {sum(c.breaking for c in self.changes)} breaking:"
        return "\n".join([head, *(c.render() for c in self.changes)])


def _resolve(spec: dict[str, Any], node: Any, seen: frozenset[str] = frozenset()) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        if ref in seen or not ref.startswith("#/"):
            return {}
        seen = seen | {ref}
        target: Any = spec
        for part in ref[2:].split("/"):
            target = target.get(part, {}) if isinstance(target, dict) else {}
        extra = {k: v for k, v in node.items() if k != "$ref"}
        node = {**target, **extra} if extra else target
    return node


def _types_of(schema: dict[str, Any]) -> tuple[str, ...]:
    t = schema.get("type")
    if isinstance(t, list):
        return tuple(sorted(t))
    if isinstance(t, str):
        return (t,)
    if "const" in schema:
        return ("const",)
    return ()


def flatten(
    spec: dict[str, Any], schema: Any, prefix: str = "", required: bool = True, depth: int = 0
) -> dict[str, FieldInfo]:
    """Flatten a schema into {dotted path: FieldInfo}."""
    out: dict[str, FieldInfo] = {}
    schema = _resolve(spec, schema)
    if not isinstance(schema, dict) or depth > 12:
        return out
    variants = [*schema.get("allOf", [])]
    alternatives = [*schema.get("oneOf", []), *schema.get("anyOf", [])]
    types = set(_types_of(schema))
    enum = schema.get("enum")
    fmt = schema.get("format")
    for alt in alternatives:
        alt = _resolve(spec, alt)
        if isinstance(alt, dict):
            types.update(_types_of(alt))
            fmt = fmt or alt.get("format")
    if prefix:
        out[prefix] = FieldInfo(
            types=tuple(sorted(types)),
            format=fmt,
            enum=tuple(str(v) for v in enum) if isinstance(enum, list) else None,
            required=required,
        )
    for sub in variants:
        for path, info in flatten(spec, sub, prefix, required, depth + 1).items():
            if path != prefix:
                out[path] = info
    for alt in alternatives:
        for path, info in flatten(spec, alt, prefix, False, depth + 1).items():
            if path != prefix:
                out.setdefault(path, info)
    req = set(schema.get("required", []))
    for name, sub in (schema.get("properties") or {}).items():
        child = f"{prefix}.{name}" if prefix else name
        out.update(flatten(spec, sub, child, name in req, depth + 1))
    if "items" in schema:
        out.update(flatten(spec, schema["items"], f"{prefix}[]", True, depth + 1))
    return out


def _operations(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    ops: dict[str, dict[str, Any]] = {}
    for section, label in (("paths", ""), ("webhooks", "webhook ")):
        for path, item in (spec.get(section) or {}).items():
            item = _resolve(spec, item)
            for method in HTTP_METHODS:
                if isinstance(item, dict) and method in item:
                    ops[f"{label}{method.upper()} {path}"] = item[method]
    return ops


def _bodies(spec: dict[str, Any], op: dict[str, Any]) -> dict[str, dict[str, FieldInfo]]:
    bodies: dict[str, dict[str, FieldInfo]] = {}
    rb = _resolve(spec, op.get("requestBody", {}))
    for media in (rb.get("content") or {}).values():
        bodies["request"] = flatten(spec, media.get("schema", {}))
    for status, resp in (op.get("responses") or {}).items():
        resp = _resolve(spec, resp)
        for media in (resp.get("content") or {}).values():
            bodies[f"response {status}"] = flatten(spec, media.get("schema", {}))
    params = {}
    for p in op.get("parameters", []):
        p = _resolve(spec, p)
        if isinstance(p, dict) and "name" in p:
            schema = _resolve(spec, p.get("schema", {}))
            params[f"{p.get('in')}:{p['name']}"] = FieldInfo(
                _types_of(schema), schema.get("format"), None, bool(p.get("required"))
            )
    bodies["parameters"] = params
    return bodies


def _compare_fields(
    where: str, kind: str, old: dict[str, FieldInfo], new: dict[str, FieldInfo]
) -> list[Change]:
    is_request = kind in ("request", "parameters")
    changes: list[Change] = []
    for path in sorted(set(old) - set(new)):
        changes.append(Change(f"{where} {kind}", f"field {path} removed", True))
    for path in sorted(set(new) - set(old)):
        info = new[path]
        breaking = is_request and info.required
        what = f"field {path} added" + (" (required)" if info.required else "")
        changes.append(Change(f"{where} {kind}", what, breaking))
    for path in sorted(set(old) & set(new)):
        a, b = old[path], new[path]
        if a.types != b.types or a.format != b.format:
            changes.append(
                Change(
                    f"{where} {kind}",
                    f"field {path} type {a.types or '-'}/{a.format} -> {b.types or '-'}/{b.format}",
                    True,
                )
            )
        if not a.required and b.required:
            changes.append(Change(f"{where} {kind}", f"field {path} newly required", is_request))
        if a.required and not b.required:
            changes.append(
                Change(f"{where} {kind}", f"field {path} no longer required", not is_request)
            )
        if a.enum != b.enum and (a.enum or b.enum):
            removed = sorted(set(a.enum or ()) - set(b.enum or ()))
            added = sorted(set(b.enum or ()) - set(a.enum or ()))
            if removed:
                changes.append(Change(f"{where} {kind}", f"enum {path} lost {removed}", True))
            if added:
                changes.append(
                    Change(
                        f"{where} {kind}",
                        f"enum {path} gained {added}",
                        False,
                        ""
                        if is_request
                        else "tolerated by connectpsp_ext: unknown values are kept",
                    )
                )
    return changes


def compare(old: dict[str, Any], new: dict[str, Any]) -> Report:
    report = Report()
    old_ops, new_ops = _operations(old), _operations(new)
    for key in sorted(set(old_ops) - set(new_ops)):
        report.changes.append(Change(key, "operation removed", True))
    for key in sorted(set(new_ops) - set(old_ops)):
        report.changes.append(Change(key, "operation added", False))
    for key in sorted(set(old_ops) & set(new_ops)):
        old_bodies, new_bodies = _bodies(old, old_ops[key]), _bodies(new, new_ops[key])
        for kind in sorted(set(old_bodies) | set(new_bodies)):
            if kind not in new_bodies:
                report.changes.append(Change(key, f"{kind} removed", True))
            elif kind not in old_bodies:
                report.changes.append(Change(key, f"{kind} added", False))
            else:
                report.changes.extend(
                    _compare_fields(key, kind, old_bodies[kind], new_bodies[kind])
                )
    return report
