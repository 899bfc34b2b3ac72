"""Tests for moto_identitystore.py: each gap it closes, checked over HTTP with boto3 like a real client would.

Run: python3 -m unittest discover -s integration-tests/emulator -v
The server runs in a subprocess on a free loopback port; every test uses its own random identity store id,
so tests are isolated without a reset.
"""

import os
import secrets
import socket
import subprocess
import sys
import time
import unittest
import urllib.request

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "moto_identitystore.py")
READY_TIMEOUT_SECONDS = 20


def _free_loopback_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class EmulatorServer:
    """One emulator process for the whole test module."""

    def __init__(self):
        self.port = _free_loopback_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen([sys.executable, SCRIPT, "-H", "127.0.0.1", "-p", str(self.port)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def wait_until_ready(self):
        deadline = time.monotonic() + READY_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/moto-api/", timeout=1) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            try:  # the pause between polls doubles as "did it die?"
                self.process.wait(timeout=0.05)
                raise RuntimeError("emulator exited early: " + self.process.stderr.read().decode(errors="replace"))
            except subprocess.TimeoutExpired:
                continue
        raise RuntimeError(f"emulator not ready on {self.url} after {READY_TIMEOUT_SECONDS}s")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stderr.close()


server = None


def setUpModule():
    global server
    server = EmulatorServer()
    server.wait_until_ready()


def tearDownModule():
    server.stop()


class IdentityStoreEmulatorTest(unittest.TestCase):

    def setUp(self):
        self.client = boto3.client(
            "identitystore", endpoint_url=server.url, region_name="us-east-1",
            aws_access_key_id="testing", aws_secret_access_key="testing",
            config=Config(retries={"max_attempts": 1, "mode": "standard"}))
        self.store = "d-" + secrets.token_hex(5)

    # ------------------------------------------------------------ helpers

    def user(self, user_name, email=None, **extra):
        args = dict(IdentityStoreId=self.store, UserName=user_name, DisplayName=user_name.title(),
                    Name={"GivenName": "Given", "FamilyName": "Family"}, **extra)
        if email:
            args["Emails"] = [{"Value": email, "Type": "work", "Primary": True}]
        return self.client.create_user(**args)["UserId"]

    def group(self, name):
        return self.client.create_group(IdentityStoreId=self.store, DisplayName=name)["GroupId"]

    def join(self, group_id, user_id):
        return self.client.create_group_membership(IdentityStoreId=self.store, GroupId=group_id,
                                                   MemberId={"UserId": user_id})["MembershipId"]

    def members(self, group_id):
        pages = self.client.get_paginator("list_group_memberships").paginate(IdentityStoreId=self.store,
                                                                              GroupId=group_id)
        return sorted(m["MemberId"]["UserId"] for page in pages for m in page["GroupMemberships"])

    def assert_error(self, code, call, **kwargs):
        with self.assertRaises(ClientError) as caught:
            call(**kwargs)
        self.assertEqual(code, caught.exception.response["Error"]["Code"], caught.exception.response)
        return caught.exception.response

    # ------------------------------------------------------------ UpdateUser

    def test_update_user_changes_what_describe_user_returns(self):
        uid = self.user("alice", "alice@example.com")
        self.client.update_user(IdentityStoreId=self.store, UserId=uid, Operations=[
            {"AttributePath": "userName", "AttributeValue": "alice.a"},
            {"AttributePath": "displayName", "AttributeValue": "Alice Anders"},
            {"AttributePath": "name.givenName", "AttributeValue": "Alicia"},
            {"AttributePath": "name.familyName", "AttributeValue": "Anders"},
            {"AttributePath": "emails", "AttributeValue": [{"Value": "a@example.com", "Type": "work",
                                                             "Primary": True}]},
        ])
        described = self.client.describe_user(IdentityStoreId=self.store, UserId=uid)
        self.assertEqual(("alice.a", "Alice Anders", "Alicia", "Anders", "a@example.com"),
                         (described["UserName"], described["DisplayName"], described["Name"]["GivenName"],
                          described["Name"]["FamilyName"], described["Emails"][0]["Value"]))
        self.assertEqual(uid, self.client.get_user_id(IdentityStoreId=self.store, AlternateIdentifier={
            "UniqueAttribute": {"AttributePath": "userName", "AttributeValue": "alice.a"}})["UserId"])

    def test_update_user_removes_the_email_when_the_value_is_omitted(self):
        uid = self.user("bob", "bob@example.com")
        self.client.update_user(IdentityStoreId=self.store, UserId=uid,
                                Operations=[{"AttributePath": "emails"}])
        self.assertFalse(self.client.describe_user(IdentityStoreId=self.store, UserId=uid).get("Emails"))

    def test_update_user_rejections(self):
        uid = self.user("carol", "carol@example.com")
        self.user("dave", "dave@example.com")
        cases = [  # (operations, expected error code)
            ([{"AttributePath": "userName", "AttributeValue": "dave"}], "ConflictException"),
            ([{"AttributePath": "emails", "AttributeValue": [{"Value": "dave@example.com"}]}], "ConflictException"),
            ([{"AttributePath": "emails[0].value", "AttributeValue": "x@example.com"}], "ValidationException"),
            ([{"AttributePath": "emails", "AttributeValue": [{"Value": "1@x.com"}, {"Value": "2@x.com"}]}],
             "ValidationException"),
            ([{"AttributePath": "name.givenName"}], "ValidationException"),
            ([{"AttributePath": "userName", "AttributeValue": "has space"}], "ValidationException"),
            ([{"AttributePath": "noSuchAttribute", "AttributeValue": "x"}], "ValidationException"),
            ([{"AttributePath": "title", "AttributeValue": str(i)} for i in range(101)], "ValidationException"),
        ]
        for operations, code in cases:
            with self.subTest(operations=operations[0]["AttributePath"], count=len(operations)):
                self.assert_error(code, self.client.update_user, IdentityStoreId=self.store, UserId=uid,
                                  Operations=operations)
        self.assertEqual("carol", self.client.describe_user(IdentityStoreId=self.store, UserId=uid)["UserName"])

    def test_update_user_of_an_unknown_id_is_not_found(self):
        response = self.assert_error("ResourceNotFoundException", self.client.update_user, IdentityStoreId=self.store,
                                     UserId="00000000-0000-0000-0000-000000000000",
                                     Operations=[{"AttributePath": "title", "AttributeValue": "x"}])
        self.assertEqual("USER", response["ResourceType"])
        self.assertEqual("00000000-0000-0000-0000-000000000000", response["ResourceId"])

    # ------------------------------------------------------------ UpdateGroup

    def test_update_group_renames_and_rejects_a_taken_name(self):
        gid = self.group("kiro-pro")
        self.group("kiro-power")
        self.client.update_group(IdentityStoreId=self.store, GroupId=gid, Operations=[
            {"AttributePath": "displayName", "AttributeValue": "kiro-pro-renamed"},
            {"AttributePath": "description", "AttributeValue": "Kiro Pro seats"}])
        described = self.client.describe_group(IdentityStoreId=self.store, GroupId=gid)
        self.assertEqual(("kiro-pro-renamed", "Kiro Pro seats"), (described["DisplayName"], described["Description"]))
        self.assert_error("ConflictException", self.client.update_group, IdentityStoreId=self.store, GroupId=gid,
                          Operations=[{"AttributePath": "displayName", "AttributeValue": "kiro-power"}])
        self.assert_error("ResourceNotFoundException", self.client.update_group, IdentityStoreId=self.store,
                          GroupId="00000000-0000-0000-0000-000000000000",
                          Operations=[{"AttributePath": "description", "AttributeValue": "x"}])

    # ------------------------------------------------------------ memberships

    def test_get_group_membership_id_and_describe_group_membership(self):
        uid, gid = self.user("erin"), self.group("kiro-pro")
        membership_id = self.join(gid, uid)
        self.assertEqual(membership_id, self.client.get_group_membership_id(
            IdentityStoreId=self.store, GroupId=gid, MemberId={"UserId": uid})["MembershipId"])
        described = self.client.describe_group_membership(IdentityStoreId=self.store, MembershipId=membership_id)
        self.assertEqual((membership_id, gid, uid, self.store),
                         (described["MembershipId"], described["GroupId"], described["MemberId"]["UserId"],
                          described["IdentityStoreId"]))

    def test_membership_lookups_of_non_members_are_not_found(self):
        uid, gid = self.user("frank"), self.group("kiro-pro")
        response = self.assert_error("ResourceNotFoundException", self.client.get_group_membership_id,
                                     IdentityStoreId=self.store, GroupId=gid, MemberId={"UserId": uid})
        self.assertEqual("GROUP_MEMBERSHIP", response["ResourceType"])
        self.assert_error("ResourceNotFoundException", self.client.describe_group_membership,
                          IdentityStoreId=self.store, MembershipId="00000000-0000-0000-0000-000000000000")

    def test_is_member_in_groups_answers_per_group(self):
        uid, pro, power = self.user("gina"), self.group("kiro-pro"), self.group("kiro-power")
        self.join(pro, uid)
        results = self.client.is_member_in_groups(IdentityStoreId=self.store, MemberId={"UserId": uid},
                                                  GroupIds=[pro, power])["Results"]
        self.assertEqual({pro: True, power: False}, {r["GroupId"]: r["MembershipExists"] for r in results})

    def test_duplicate_membership_is_a_conflict_and_leaves_one_membership(self):
        uid, gid = self.user("hank"), self.group("kiro-pro")
        self.join(gid, uid)
        response = self.assert_error("ConflictException", self.join, group_id=gid, user_id=uid)
        self.assertEqual("UNIQUENESS_CONSTRAINT_VIOLATION", response["Reason"])
        self.assertEqual([uid], self.members(gid))

    def test_list_group_memberships_for_member_lists_each_group(self):
        uid, pro, power = self.user("ivy"), self.group("kiro-pro"), self.group("kiro-power")
        self.join(pro, uid)
        self.join(power, uid)
        pages = self.client.get_paginator("list_group_memberships_for_member").paginate(
            IdentityStoreId=self.store, MemberId={"UserId": uid}, PaginationConfig={"PageSize": 1})
        self.assertEqual(sorted([pro, power]), sorted(m["GroupId"] for p in pages for m in p["GroupMemberships"]))

    # ------------------------------------------------------------ deletes: not found, cascade

    def test_deleting_missing_things_is_not_found(self):
        missing = "00000000-0000-0000-0000-000000000000"
        cases = [(self.client.delete_user, {"UserId": missing}, "USER"),
                 (self.client.delete_group, {"GroupId": missing}, "GROUP"),
                 (self.client.delete_group_membership, {"MembershipId": missing}, "GROUP_MEMBERSHIP")]
        for call, args, resource_type in cases:
            with self.subTest(resource_type=resource_type):
                response = self.assert_error("ResourceNotFoundException", call, IdentityStoreId=self.store, **args)
                self.assertEqual(resource_type, response["ResourceType"])

    def test_deleting_a_membership_twice_is_not_found_the_second_time(self):
        membership_id = self.join(self.group("kiro-pro"), self.user("jack"))
        self.client.delete_group_membership(IdentityStoreId=self.store, MembershipId=membership_id)
        self.assert_error("ResourceNotFoundException", self.client.delete_group_membership,
                          IdentityStoreId=self.store, MembershipId=membership_id)

    def test_deleting_a_user_deletes_their_memberships(self):
        kept, gone, gid = self.user("kate"), self.user("liam"), self.group("kiro-pro")
        self.join(gid, kept)
        membership_id = self.join(gid, gone)
        self.client.delete_user(IdentityStoreId=self.store, UserId=gone)
        self.assertEqual([kept], self.members(gid))
        self.assert_error("ResourceNotFoundException", self.client.describe_group_membership,
                          IdentityStoreId=self.store, MembershipId=membership_id)

    def test_deleting_a_group_deletes_its_memberships(self):
        uid, gid, other = self.user("mia"), self.group("kiro-pro"), self.group("kiro-power")
        self.join(gid, uid)
        self.join(other, uid)
        self.client.delete_group(IdentityStoreId=self.store, GroupId=gid)
        memberships = self.client.list_group_memberships_for_member(
            IdentityStoreId=self.store, MemberId={"UserId": uid})["GroupMemberships"]
        self.assertEqual([other], [m["GroupId"] for m in memberships])

    # ------------------------------------------------------------ create-time rules of the real service

    def test_create_rejections(self):
        self.user("nina", "nina@example.com")
        self.group("kiro-pro")
        name = {"GivenName": "G", "FamilyName": "F"}
        cases = [
            ("duplicate userName", "ConflictException", self.client.create_user,
             dict(UserName="nina", DisplayName="N", Name=name)),
            ("duplicate email", "ConflictException", self.client.create_user,
             dict(UserName="nina2", DisplayName="N", Name=name, Emails=[{"Value": "nina@example.com"}])),
            ("two emails", "ValidationException", self.client.create_user,
             dict(UserName="olga", DisplayName="O", Name=name, Emails=[{"Value": "1@x.com"}, {"Value": "2@x.com"}])),
            ("whitespace in userName", "ValidationException", self.client.create_user,
             dict(UserName="olga smith", DisplayName="O", Name=name)),
            ("reserved userName", "ValidationException", self.client.create_user,
             dict(UserName="Administrator", DisplayName="A", Name=name)),
            ("missing family name", "ValidationException", self.client.create_user,
             dict(UserName="paul", DisplayName="P", Name={"GivenName": "P"})),
            ("duplicate group", "ConflictException", self.client.create_group, dict(DisplayName="kiro-pro")),
            ("reserved group", "ValidationException", self.client.create_group, dict(DisplayName="AWSAdministrators")),
        ]
        for label, code, call, args in cases:
            with self.subTest(label):
                self.assert_error(code, call, IdentityStoreId=self.store, **args)
        users = self.client.list_users(IdentityStoreId=self.store)["Users"]
        self.assertEqual(["nina"], [u["UserName"] for u in users])

    def test_list_users_pages_and_rejects_page_sizes_above_100(self):
        created = sorted(self.user(f"user{i}") for i in range(5))
        pages = list(self.client.get_paginator("list_users").paginate(
            IdentityStoreId=self.store, PaginationConfig={"PageSize": 2}))
        self.assertEqual(3, len(pages))
        self.assertEqual(created, sorted(u["UserId"] for p in pages for u in p["Users"]))
        self.assert_error("ValidationException", self.client.list_users, IdentityStoreId=self.store, MaxResults=101)


if __name__ == "__main__":
    unittest.main()
