"""Tests for idc_scim.py: each documented limit and each fault, over HTTP like a real client.

Run: python3 -m unittest discover -s integration-tests/emulator -p 'test_idc_scim.py' -v
Standard library only. The server runs in-process on a free loopback port; each test resets its state.
"""

import http.client
import json
import threading
import unittest
import urllib.parse

import idc_scim

TOKEN = "token-1"


class ScimEmulatorTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.server = idc_scim.serve("127.0.0.1", 0, [TOKEN])
        cls.port = cls.server.server_address[1]
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()

    def setUp(self):
        self.control("POST", "/reset")
        self.control("POST", "/tokens", {"valid": [TOKEN]})

    # ------------------------------------------------------------ helpers

    def request(self, method, path, body=None, token=TOKEN, timeout=5):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        headers = {"Content-Type": "application/scim+json"}
        if token:
            headers["Authorization"] = "Bearer " + token
        conn.request(method, path, json.dumps(body) if body is not None else None, headers)
        response = conn.getresponse()
        data = response.read()
        conn.close()
        return response.status, (json.loads(data) if data else None), dict(response.getheaders())

    def scim(self, method, path, body=None, **kwargs):
        return self.request(method, "/scim/v2" + path, body, **kwargs)

    def control(self, method, path, body=None):
        return self.request(method, "/_emulator" + path, body, token=None)

    def state(self):
        return self.control("GET", "/state")[1]

    def user(self, name, email=None):
        body = {"userName": name, "displayName": name.title(), "name": {"givenName": "G", "familyName": "F"}}
        if email:
            body["emails"] = [{"value": email, "type": "work", "primary": True}]
        status, created, _ = self.scim("POST", "/Users", body)
        self.assertEqual(201, status, created)
        return created["id"]

    def group(self, name):
        status, created, _ = self.scim("POST", "/Groups", {"displayName": name})
        self.assertEqual(201, status, created)
        return created["id"]

    def members(self, group_id):
        return next(g["members"] for g in self.state()["groups"] if g["id"] == group_id)

    @staticmethod
    def add(*ids):
        return {"op": "add", "path": "members", "value": [{"value": i} for i in ids]}

    def filtered(self, resource, expression):
        return self.scim("GET", "/" + resource + "?filter=" + urllib.parse.quote(expression))

    # ------------------------------------------------------------ auth and endpoints

    def test_a_missing_or_invalidated_token_is_401(self):
        self.assertEqual(401, self.scim("GET", "/Users", token=None)[0])
        self.assertEqual(200, self.scim("GET", "/Users")[0])
        self.control("POST", "/tokens", {"valid": ["token-2"]})
        self.assertEqual(401, self.scim("GET", "/Users")[0])
        self.assertEqual(200, self.scim("GET", "/Users", token="token-2")[0])

    def test_a_refused_request_with_a_body_leaves_the_keep_alive_connection_usable(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        body = json.dumps({"displayName": "kiro-pro"})
        conn.request("POST", "/scim/v2/Groups", body, {"Authorization": "Bearer wrong"})
        first = conn.getresponse()
        first.read()
        conn.request("POST", "/scim/v2/Groups", body, {"Authorization": "Bearer " + TOKEN})
        second = conn.getresponse()
        second.read()
        conn.close()
        self.assertEqual((401, 201), (first.status, second.status))

    def test_bulk_me_and_search_are_not_supported(self):
        for path in ("/Bulk", "/Me", "/Search"):
            status = self.scim("POST", path, {})[0]
            self.assertGreaterEqual(status, 400, path)

    # ------------------------------------------------------------ users

    def test_create_user_requires_the_four_names(self):
        status, body, _ = self.scim("POST", "/Users", {"userName": "a", "displayName": "A", "name": {"givenName": "A"}})
        self.assertEqual(400, status)
        self.assertIn("name.familyName", body["detail"])
        self.assertEqual([], self.state()["users"])

    def test_a_second_email_or_one_not_primary_is_rejected(self):
        base = {"userName": "a", "displayName": "A", "name": {"givenName": "A", "familyName": "B"}}
        two = dict(base, emails=[{"value": "a@x", "primary": True}, {"value": "b@x"}])
        self.assertEqual(400, self.scim("POST", "/Users", two)[0])
        not_primary = dict(base, emails=[{"value": "a@x"}])
        self.assertEqual(400, self.scim("POST", "/Users", not_primary)[0])
        self.assertEqual(201, self.scim("POST", "/Users", dict(base, emails=[{"value": "a@x", "primary": True}]))[0])

    def test_a_duplicate_user_name_is_409(self):
        self.user("alice")
        status, body, _ = self.scim("POST", "/Users", {"userName": "alice", "displayName": "A",
                                                       "name": {"givenName": "A", "familyName": "B"}})
        self.assertEqual(409, status)
        self.assertEqual("uniqueness", body["scimType"])

    def test_patch_user_replaces_attributes_and_refuses_removing_user_name(self):
        uid = self.user("alice", "a@x")
        status, body, _ = self.scim("PATCH", "/Users/" + uid, {"Operations": [
            {"op": "replace", "path": "name.familyName", "value": "Jensen"},
            {"op": "replace", "path": "emails", "value": [{"value": "b@x", "primary": True}]}]})
        self.assertEqual(200, status, body)
        self.assertEqual("Jensen", body["name"]["familyName"])
        self.assertEqual("b@x", body["emails"][0]["value"])
        self.assertEqual(400, self.scim("PATCH", "/Users/" + uid, {"Operations": [
            {"op": "remove", "path": "userName"}]})[0])
        self.assertEqual(400, self.scim("PATCH", "/Users/" + uid, {"Operations": [
            {"op": "replace", "path": "active", "value": False}, {"op": "replace", "path": "active", "value": True}]})[0])

    def test_filters_allow_only_eq_and_on_documented_attributes(self):
        self.user("alice")
        status, body, _ = self.filtered("Users", 'userName eq "alice"')
        self.assertEqual((200, 1), (status, len(body["Resources"])))
        for bad in ('userName co "ali"', 'userName eq "alice" or userName eq "bob"', 'displayName eq "Alice"',
                    'userName sw "a"'):
            status, body, _ = self.filtered("Users", bad)
            self.assertEqual(400, status, bad)
            self.assertEqual("invalidFilter", body["scimType"], bad)

    def test_cursor_paging_at_most_100(self):
        for i in range(130):
            self.user("u%03d" % i)
        self.assertEqual(400, self.scim("GET", "/Users?count=101")[0])
        self.assertEqual(400, self.scim("GET", "/Users?startIndex=1")[0])
        seen, cursor = [], ""
        while cursor is not None:
            status, page, _ = self.scim("GET", "/Users?count=100&cursor=" + cursor)
            self.assertEqual(200, status)
            self.assertLessEqual(len(page["Resources"]), 100)
            seen += [u["userName"] for u in page["Resources"]]
            cursor = page.get("nextCursor")
        self.assertEqual(130, len(set(seen)))

    # ------------------------------------------------------------ groups

    def test_groups_are_returned_without_members_and_membership_is_found_by_filter(self):
        gid, uid, other = self.group("kiro-pro"), self.user("alice"), self.user("bob")
        self.assertEqual(204, self.scim("PATCH", "/Groups/" + gid, {"Operations": [self.add(uid)]})[0])
        self.assertEqual([], self.scim("GET", "/Groups/" + gid)[1]["members"])
        self.assertEqual(400, self.scim("GET", "/Groups/" + gid + "?attributes=members")[0])
        hit = self.filtered("Groups", 'id eq "%s" and members eq "%s"' % (gid, uid))[1]
        miss = self.filtered("Groups", 'id eq "%s" and members eq "%s"' % (gid, other))[1]
        self.assertEqual((1, 0), (len(hit["Resources"]), len(miss["Resources"])))
        self.assertEqual(404, self.filtered("Groups", 'id eq "%s" and members eq "nobody"' % gid)[0])

    def test_more_than_100_member_changes_replace_and_remove_all_are_rejected(self):
        gid = self.group("kiro-pro")
        ids = [self.user("u%03d" % i) for i in range(101)]
        status, body, _ = self.scim("PATCH", "/Groups/" + gid, {"Operations": [self.add(*ids)]})
        self.assertEqual(400, status)
        self.assertEqual([], self.members(gid))
        self.assertEqual(204, self.scim("PATCH", "/Groups/" + gid, {"Operations": [self.add(*ids[:100])]})[0])
        self.assertEqual(100, len(self.members(gid)))
        self.assertEqual(400, self.scim("PATCH", "/Groups/" + gid, {"Operations": [
            {"op": "replace", "path": "members", "value": [{"value": ids[0]}]}]})[0])
        self.assertEqual(400, self.scim("PATCH", "/Groups/" + gid, {"Operations": [
            {"op": "remove", "path": "members"}]})[0])
        self.assertEqual(204, self.scim("PATCH", "/Groups/" + gid, {"Operations": [
            {"op": "remove", "path": 'members[value eq "%s"]' % ids[0]}]})[0])
        self.assertEqual(99, len(self.members(gid)))

    def test_deleting_a_user_removes_their_memberships(self):
        gid, uid = self.group("kiro-pro"), self.user("alice")
        self.scim("PATCH", "/Groups/" + gid, {"Operations": [self.add(uid)]})
        self.assertEqual(204, self.scim("DELETE", "/Users/" + uid)[0])
        self.assertEqual([], self.members(gid))
        self.assertEqual(404, self.scim("DELETE", "/Users/" + uid)[0])

    # ------------------------------------------------------------ faults

    def test_throttle_returns_429_with_retry_after_then_recovers(self):
        self.control("POST", "/faults", {"throttle": 2, "retryAfter": 3})
        for _ in range(2):
            status, _, headers = self.scim("GET", "/Users")
            self.assertEqual((429, "3"), (status, headers.get("Retry-After")))
        self.assertEqual(200, self.scim("GET", "/Users")[0])

    def test_error_fails_without_applying(self):
        self.control("POST", "/faults", {"error": 1, "methods": ["POST"]})
        self.assertEqual(200, self.scim("GET", "/Users")[0])  # not a POST: untouched
        status = self.scim("POST", "/Groups", {"displayName": "kiro-pro"})[0]
        self.assertEqual(500, status)
        self.assertEqual([], self.state()["groups"])

    def test_an_error_carries_retry_after_only_when_asked_as_seconds_or_a_date(self):
        for retry_after, expected in ((None, None), (4, "4"), ("Tue, 01 Dec 2026 09:01:30 GMT",
                                                               "Tue, 01 Dec 2026 09:01:30 GMT")):
            faults = {"error": 1} if retry_after is None else {"error": 1, "retryAfter": retry_after}
            self.control("POST", "/faults", faults)
            status, _, headers = self.scim("GET", "/Users")
            self.assertEqual((500, expected), (status, headers.get("Retry-After")), retry_after)

    def test_crash_after_apply_applies_then_drops_the_connection(self):
        self.control("POST", "/faults", {"crashAfterApply": 1})
        with self.assertRaises((http.client.HTTPException, ConnectionError)):
            self.scim("POST", "/Groups", {"displayName": "kiro-pro"})
        self.assertEqual(["kiro-pro"], [g["displayName"] for g in self.state()["groups"]])

    def test_delay_outlasts_a_client_timeout_and_still_applies(self):
        self.control("POST", "/faults", {"delay": 1, "delaySeconds": 1.5})
        with self.assertRaises(OSError):
            self.scim("POST", "/Groups", {"displayName": "kiro-pro"}, timeout=0.3)
        self.assertEqual(["kiro-pro"], [g["displayName"] for g in self.state()["groups"]])

    def test_the_request_log_counts_member_changes(self):
        gid, a, b = self.group("g"), self.user("a"), self.user("b")
        self.scim("PATCH", "/Groups/" + gid, {"Operations": [self.add(a, b)]})
        patch = [r for r in self.state()["requests"] if r["method"] == "PATCH"]
        self.assertEqual([(204, 2)], [(r["status"], r["memberChanges"]) for r in patch])


if __name__ == "__main__":
    unittest.main()
