"""A small emulator of IAM Identity Center's SCIM dialect, written from its documented limits.

Python 3 standard library only (no moto, no flask), so it runs wherever python3 does.

    python3 idc_scim.py -H 127.0.0.1 -p 8089 --token secret-1
    SCIM base: http://127.0.0.1:8089/scim/v2/   (bearer token required)
    Control:   http://127.0.0.1:8089/_emulator/  (no token; drives faults and reads state)

What it rejects, as the real endpoint does (../shared/docs/aws-identitystore.md §2, and the AWS developer guide
pages createuser, patchuser, creategroup, patchgroup, listusers, listgroups, limitations):
  * filters other than `attr eq "value"` joined by `and`, or on attribute combinations not documented
    (Users: userName | externalId | groups.value | id and manager; Groups: displayName | externalId | members.value |
    id and member(s));
  * `attributes`, `excludedAttributes` and `startIndex` on a list; `count` above 100;
  * /Bulk, /Me, /Search;
  * a user without userName, displayName, name.givenName or name.familyName; more than one email, or one email not
    marked primary; `groups` on a user;
  * more than 100 member changes in one group request; `replace` of members; `remove` of members without a value
    (remove all); `remove` of userName or active; more than one op on userName or active in one PatchUser.
Groups are always returned with an empty member list ("GetGroup and ListGroups return an empty member list").

Faults, driven through POST /_emulator/faults with a JSON object; each counter applies to the next N SCIM requests
(optionally only to the methods in "methods", e.g. ["PATCH"]):
  {"throttle": 2, "retryAfter": 1}   -> 429 ThrottlingException with Retry-After: 1
  {"error": 1}                       -> 500 InternalServerException, nothing applied (with Retry-After when
                                        "retryAfter" is given: seconds, or an HTTP date as a string)
  {"delay": 1, "delaySeconds": 5}    -> the response comes after 5 s (a client timeout), the change is applied
  {"crashAfterApply": 1}             -> the change is applied, then the connection is closed without a response
Tokens: POST /_emulator/tokens {"valid": ["new"]} replaces the accepted tokens (an empty list invalidates all).
State:  GET /_emulator/state -> {"users": [...], "groups": [{..., "members": [ids]}], "requests": [...]}
        POST /_emulator/reset clears users, groups, faults and the request log (tokens are kept).
"""

import argparse
import json
import re
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

BASE = "/scim/v2"
CONTROL = "/_emulator"
MAX_PAGE = 100
MAX_MEMBER_CHANGES = 100
ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error"
LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group"

USER_FILTERS = [{"username"}, {"externalid"}, {"groups.value"}, {"id", "manager"}]
GROUP_FILTERS = [{"displayname"}, {"externalid"}, {"members.value"}, {"id", "member"}, {"id", "members"}]
_TERM = re.compile(r'\s*([A-Za-z][A-Za-z0-9.:]*)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*', re.IGNORECASE)


class ScimError(Exception):
    def __init__(self, status, detail, scim_type=None, headers=None):
        super().__init__(detail)
        self.status, self.detail, self.scim_type, self.headers = status, detail, scim_type, headers or {}


class State:
    """Everything the emulator holds; one lock, because a SCIM service is linearisable per resource anyway."""

    def __init__(self, tokens):
        self.lock = threading.RLock()
        self.tokens = set(tokens)
        self.reset()

    def reset(self):
        with self.lock:
            self.users, self.groups, self.faults, self.requests = {}, {}, {}, []

    def take_fault(self, method):
        """The fault to inject into this request, consuming one count of it; None when there is none."""
        with self.lock:
            methods = self.faults.get("methods")
            if methods and method not in methods:
                return None
            for kind in ("throttle", "error", "delay", "crashAfterApply"):
                if self.faults.get(kind, 0) > 0:
                    self.faults[kind] -= 1
                    return kind
            return None


def parse_filter(text, allowed):
    """`a eq "x" and b eq "y"` -> {"a": "x", "b": "y"}; anything else is a 400 invalidFilter."""
    terms, rest = {}, text
    while True:
        match = _TERM.match(rest)
        if not match:
            raise ScimError(400, "Only eq with and is supported: " + text, "invalidFilter")
        terms[match.group(1).lower()] = json.loads('"' + match.group(2) + '"')
        rest = rest[match.end():]
        if not rest:
            break
        if not rest.lower().startswith("and "):
            raise ScimError(400, "Only eq with and is supported: " + text, "invalidFilter")
        rest = rest[4:]
    if set(terms) not in allowed:
        raise ScimError(400, "Unsupported filter combination: " + ", ".join(sorted(terms)), "invalidFilter")
    return terms


def check_user(user):
    name = user.get("name") or {}
    for field, value in (("userName", user.get("userName")), ("displayName", user.get("displayName")),
                         ("name.givenName", name.get("givenName")), ("name.familyName", name.get("familyName"))):
        if not isinstance(value, str) or not value.strip():
            raise ScimError(400, field + " is required", "invalidValue")
    if re.search(r"\s", user["userName"]):
        raise ScimError(400, "userName must not contain whitespace", "invalidValue")
    emails = user.get("emails") or []
    if len(emails) > 1:
        raise ScimError(400, "Multiple values for emails are not supported", "invalidValue")
    if emails and emails[0].get("primary") is not True:
        raise ScimError(400, "The single email must be marked primary", "invalidValue")
    if user.get("groups"):
        raise ScimError(400, "groups cannot be set on a user", "mutability")


def public_group(group):
    return {"schemas": [GROUP_SCHEMA], "id": group["id"], "displayName": group["displayName"],
            "externalId": group.get("externalId"), "members": [], "meta": {"resourceType": "Group"}}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state = None  # set by serve()

    def log_message(self, fmt, *args):  # quiet: the request log is in the state
        pass

    # --------------------------------------------------------------- plumbing

    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        if not length:
            return {}
        try:
            return json.loads(self.rfile.read(length))
        except ValueError:
            raise ScimError(400, "Request body is not JSON", "invalidSyntax")

    def _send(self, status, payload=None, headers=None):
        data = b"" if payload is None else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/scim+json" if status < 300 or status >= 400 else "application/json")
        for key, value in (headers or {}).items():
            self.send_header(key, str(value))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if data:
            self.wfile.write(data)

    def _error(self, err):
        body = {"schemas": [ERROR_SCHEMA], "status": str(err.status), "detail": err.detail}
        if err.scim_type:
            body["scimType"] = err.scim_type
        self._send(err.status, body, err.headers)

    def do_GET(self):
        self._dispatch("GET")

    def do_POST(self):
        self._dispatch("POST")

    def do_PUT(self):
        self._dispatch("PUT")

    def do_PATCH(self):
        self._dispatch("PATCH")

    def do_DELETE(self):
        self._dispatch("DELETE")

    def _dispatch(self, method):
        url = urlsplit(self.path)
        try:
            # Read the body first, whatever the answer: an unread body would be parsed as the next request on this
            # keep-alive connection.
            body = self._body()
            if url.path.startswith(CONTROL):
                return self._control(method, url.path[len(CONTROL):], body)
            if not url.path.startswith(BASE):
                raise ScimError(404, "Not found: " + url.path)
            self._scim(method, url.path[len(BASE):].rstrip("/"), parse_qs(url.query, keep_blank_values=True), body)
        except ScimError as err:
            self._error(err)

    # --------------------------------------------------------------- control

    def _control(self, method, path, body):
        s = self.state
        with s.lock:
            if method == "GET" and path == "/state":
                groups = [dict(public_group(g), members=list(g["members"])) for g in s.groups.values()]
                return self._send(200, {"users": list(s.users.values()), "groups": groups, "requests": s.requests,
                                        "faults": s.faults})
            if method == "POST" and path == "/reset":
                s.reset()
                return self._send(204)
            if method == "POST" and path == "/faults":
                s.faults = dict(body)
                return self._send(204)
            if method == "POST" and path == "/tokens":
                s.tokens = set(body.get("valid", []))
                return self._send(204)
        raise ScimError(404, "Unknown control endpoint " + method + " " + path)

    # --------------------------------------------------------------- SCIM

    def _scim(self, method, path, query, body):
        s = self.state
        auth = self.headers.get("Authorization", "")
        if not auth.startswith("Bearer ") or auth[len("Bearer "):] not in s.tokens:
            raise ScimError(401, "Authorization header is invalid or missing")
        entry = {"method": method, "path": path, "query": {k: v[0] for k, v in query.items()}, "status": None,
                 "memberChanges": 0}
        with s.lock:
            s.requests.append(entry)
        fault = s.take_fault(method)
        if fault == "throttle":
            entry["status"] = 429
            retry = s.faults.get("retryAfter", 1)
            raise ScimError(429, "Rate exceeded", None, {"Retry-After": retry})
        if fault == "error":
            entry["status"] = 500
            retry = s.faults.get("retryAfter")
            raise ScimError(500, "Service failed to process the request", None,
                            None if retry is None else {"Retry-After": retry})
        try:
            with s.lock:
                status, payload = self._apply(method, path, query, body, entry)
            entry["status"] = status
        except ScimError as err:
            entry["status"] = err.status
            raise
        if fault == "delay":
            time.sleep(float(s.faults.get("delaySeconds", 5)))
        if fault == "crashAfterApply":
            self.close_connection = True
            self.connection.close()
            return
        self._send(status, payload)

    def _apply(self, method, path, query, body, entry):
        parts = [p for p in path.split("/") if p]
        if not parts:
            raise ScimError(404, "Not found")
        kind, rid = parts[0], (parts[1] if len(parts) > 1 else None)
        if kind in ("Bulk", "Me", "Search") or len(parts) > 2:
            raise ScimError(501, "/" + kind + " is not supported by this SCIM implementation")
        if kind == "ServiceProviderConfig" and method == "GET":
            return 200, {"patch": {"supported": True}, "bulk": {"supported": False},
                         "filter": {"supported": True, "maxResults": MAX_PAGE}}
        if kind == "Users":
            return self._users(method, rid, query, body)
        if kind == "Groups":
            return self._groups(method, rid, query, body, entry)
        raise ScimError(404, "Not found: /" + kind)

    def _list(self, resources, query):
        for unsupported in ("startIndex", "attributes", "excludedAttributes"):
            if unsupported in query:
                raise ScimError(400, unsupported + " is not supported", "invalidValue")
        count = int(query.get("count", [str(MAX_PAGE)])[0] or MAX_PAGE)
        if count < 1 or count > MAX_PAGE:
            raise ScimError(400, "count must be 1.." + str(MAX_PAGE), "invalidValue")
        if "cursor" not in query:
            page = resources[:count]
            return 200, {"schemas": [LIST_SCHEMA], "totalResults": len(resources), "startIndex": 1,
                         "itemsPerPage": len(page), "Resources": page}
        cursor = query["cursor"][0]
        start = int(cursor) if cursor else 0
        page = resources[start:start + count]
        body = {"schemas": [LIST_SCHEMA], "itemsPerPage": len(page), "Resources": page}
        if start + count < len(resources):
            body["nextCursor"] = str(start + count)
        return 200, body

    def _user(self, rid):
        if rid not in self.state.users:
            raise ScimError(404, "User not found: " + rid)
        return self.state.users[rid]

    def _unique_user_name(self, user_name, rid=None):
        for other in self.state.users.values():
            if other["userName"] == user_name and other["id"] != rid:
                raise ScimError(409, "Refused to create a new, duplicate resource.", "uniqueness")

    def _users(self, method, rid, query, body):
        users = self.state.users
        if method == "GET" and rid is None:
            found = list(users.values())
            if "filter" in query:
                terms = parse_filter(query["filter"][0], USER_FILTERS)
                found = [u for u in found if self._user_matches(u, terms)]
            return self._list(found, query)
        if method == "GET":
            return 200, self._user(rid)
        if method == "POST":
            check_user(body)
            self._unique_user_name(body["userName"])
            user = self._stored_user(str(uuid.uuid4()), body)
            users[user["id"]] = user
            return 201, user
        if method == "PUT":
            self._user(rid)
            check_user(body)
            self._unique_user_name(body["userName"], rid)
            users[rid] = self._stored_user(rid, body)
            return 200, users[rid]
        if method == "PATCH":
            user = json.loads(json.dumps(self._user(rid)))
            self._patch_user(user, body.get("Operations") or [])
            check_user(user)
            self._unique_user_name(user["userName"], rid)
            users[rid] = user
            return 200, user
        if method == "DELETE":
            self._user(rid)
            del users[rid]
            for group in self.state.groups.values():
                if rid in group["members"]:
                    group["members"].remove(rid)
            return 204, None
        raise ScimError(405, method + " not allowed")

    def _user_matches(self, user, terms):
        for attr, value in terms.items():
            if attr == "groups.value":
                group = self.state.groups.get(value)
                if group is None or user["id"] not in group["members"]:
                    return False
            elif attr == "username":
                if user["userName"] != value:
                    return False
            elif attr == "externalid":
                if user.get("externalId") != value:
                    return False
            elif attr == "id":
                if user["id"] != value:
                    return False
            elif attr == "manager":
                pass  # no enterprise extension here: any manager matches the one user named by id
        return True

    @staticmethod
    def _stored_user(rid, body):
        keep = {k: v for k, v in body.items() if k not in ("schemas", "id", "meta")}
        keep.setdefault("active", True)
        return dict(keep, schemas=[USER_SCHEMA], id=rid, meta={"resourceType": "User"})

    @staticmethod
    def _patch_user(user, operations):
        touched = []
        for op in operations:
            kind = str(op.get("op", "")).lower()
            path = op.get("path")
            if kind not in ("add", "replace", "remove"):
                raise ScimError(400, "Unsupported op " + str(op.get("op")), "invalidValue")
            if kind == "remove" and not path:
                raise ScimError(400, "A path is required for remove", "noTarget")
            if path in ("userName", "active"):
                if kind == "remove":
                    raise ScimError(400, "remove is not allowed on " + path, "mutability")
                touched.append(path)
            values = op.get("value") if path else None
            targets = {path: values} if path else dict(op.get("value") or {})
            for target, value in targets.items():
                if target in ("userName", "active") and not path:
                    touched.append(target)
                if target.startswith("name."):
                    name = user.setdefault("name", {})
                    if kind == "remove":
                        name.pop(target[5:], None)
                    else:
                        name[target[5:]] = value
                elif kind == "remove":
                    user.pop(target, None)
                else:
                    user[target] = value
        for attribute in ("userName", "active"):
            if touched.count(attribute) > 1:
                raise ScimError(400, "Multiple operations on " + attribute + " are not supported", "invalidValue")

    def _group(self, rid):
        if rid not in self.state.groups:
            raise ScimError(404, "Group not found: " + rid)
        return self.state.groups[rid]

    def _groups(self, method, rid, query, body, entry):
        groups = self.state.groups
        if method == "GET" and rid is None:
            found = list(groups.values())
            if "filter" in query:
                terms = parse_filter(query["filter"][0], GROUP_FILTERS)
                found = [g for g in found if self._group_matches(g, terms)]
            return self._list([public_group(g) for g in found], query)
        if method == "GET":
            if "attributes" in query or "excludedAttributes" in query:
                raise ScimError(400, "attributes and excludedAttributes are not supported", "invalidValue")
            return 200, public_group(self._group(rid))
        if method == "POST":
            name = body.get("displayName")
            if not isinstance(name, str) or not name.strip():
                raise ScimError(400, "displayName is required", "invalidValue")
            if any(g["displayName"] == name for g in groups.values()):
                raise ScimError(409, "Refused to create a new, duplicate resource.", "uniqueness")
            members = [m.get("value") for m in body.get("members") or []]
            if len(members) > MAX_MEMBER_CHANGES:
                raise ScimError(400, "A maximum of 100 members can be added in a single request", "invalidValue")
            for member in members:
                self._user(member)
            group = {"id": str(uuid.uuid4()), "displayName": name, "externalId": body.get("externalId"),
                     "members": list(dict.fromkeys(members))}
            groups[group["id"]] = group
            entry["memberChanges"] = len(members)
            return 201, public_group(group)
        if method == "PATCH":
            group = self._group(rid)
            members = list(group["members"])
            changed = dict(group)
            changes = 0
            for op in body.get("Operations") or []:
                changes += self._patch_group(changed, members, op)
            if changes > MAX_MEMBER_CHANGES:
                raise ScimError(400, "A maximum of 100 membership changes are allowed in a single request",
                                "invalidValue")
            if changed["displayName"] != group["displayName"] and any(
                    g["displayName"] == changed["displayName"] for g in groups.values()):
                raise ScimError(409, "Refused to create a new, duplicate resource.", "uniqueness")
            changed["members"] = members
            groups[rid] = changed
            entry["memberChanges"] = changes
            return 204, None
        if method == "DELETE":
            self._group(rid)
            del groups[rid]
            return 204, None
        raise ScimError(405, method + " not allowed")

    def _group_matches(self, group, terms):
        for attr, value in terms.items():
            if attr in ("member", "members", "members.value"):
                if value not in self.state.users:
                    raise ScimError(404, "Member not found: " + value)
                if value not in group["members"]:
                    return False
            elif attr == "displayname" and group["displayName"] != value:
                return False
            elif attr == "externalid" and group.get("externalId") != value:
                return False
            elif attr == "id" and group["id"] != value:
                return False
        return True

    def _patch_group(self, group, members, op):
        """Applies one op to the copies; returns how many membership changes it made."""
        kind = str(op.get("op", "")).lower()
        path = op.get("path")
        value = op.get("value")
        if kind not in ("add", "replace", "remove"):
            raise ScimError(400, "Unsupported op " + str(op.get("op")), "invalidValue")
        if path is None and isinstance(value, dict):
            if "members" in value:
                if kind == "replace":
                    raise ScimError(400, "replace of members is not supported", "invalidValue")
                path, value = "members", value["members"]
            else:
                for key in ("displayName", "externalId"):
                    if key in value:
                        group[key] = value[key]
                return 0
        if path in ("displayName", "externalId"):
            if kind == "remove":
                raise ScimError(400, "remove is not allowed on " + path, "mutability")
            group[path] = value
            return 0
        selector = re.fullmatch(r'members\[value eq "([^"]+)"\]', path or "")
        if selector:
            if kind != "remove":
                raise ScimError(400, "Only remove is supported with a member selector", "invalidPath")
            ids = [selector.group(1)]
        elif path == "members":
            if kind == "replace":
                raise ScimError(400, "replace of members is not supported", "invalidValue")
            if kind == "remove" and not value:
                raise ScimError(400, "remove of all members is not supported", "invalidValue")
            ids = [m.get("value") for m in value or []]
        else:
            raise ScimError(400, "PatchGroup supports only displayName, members and externalId: " + str(path),
                            "invalidPath")
        for member in ids:
            if kind == "add":
                self._user(member)
                if member not in members:
                    members.append(member)
            elif member in members:
                members.remove(member)
        return len(ids)


def serve(host, port, tokens):
    Handler.state = State(tokens)
    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    return server


def main():
    parser = argparse.ArgumentParser(description="IAM Identity Center SCIM dialect emulator")
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default=8089)
    parser.add_argument("--token", action="append", default=[], help="an accepted bearer token (repeatable)")
    args = parser.parse_args()
    server = serve(args.host, args.port, args.token)
    print(f"idc-scim emulator on http://{args.host}:{server.server_address[1]}{BASE}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
