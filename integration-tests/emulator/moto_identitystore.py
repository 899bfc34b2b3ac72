"""moto 5.2.1 server with the Identity Store gaps closed, so tests see the real service's behaviour.

Start it exactly like ``moto_server``::

    python3 integration-tests/emulator/moto_identitystore.py -H 127.0.0.1 -p 5000

It starts from the tested patch in ``shared/docs/aws-identitystore.md`` section 5.6 and adds what the real
Identity Store does (section 1 of those notes) but moto 5.2.1 does not:

* the missing operations UpdateUser, UpdateGroup, GetGroupMembershipId, IsMemberInGroups and
  DescribeGroupMembership (moto answers them with HTTP 500 NotImplemented);
* ConflictException(UNIQUENESS_CONSTRAINT_VIOLATION) for a duplicate membership, a duplicate email, and a rename
  (UpdateUser userName / UpdateGroup displayName) onto a name that is taken;
* ResourceNotFoundException (with ResourceType and ResourceId) when deleting a user, group or membership that does
  not exist, and for DescribeGroupMembership / GetGroupMembershipId / UpdateUser / UpdateGroup on unknown ids;
* deleting a user or group deletes its memberships (awslabs/ssosync#135: the membership is gone with the user);
* ValidationException for the model's limits: more than one email, address or phone number; a userName with
  whitespace or longer than 128; the reserved names ``Administrator`` and ``AWSAdministrators``; Operations
  outside 1..100; GroupIds outside 1..100; MaxResults outside 1..100; removing a required user attribute;
  partial updates of a multi-valued attribute such as ``emails[0].value`` (the service wants the whole list).

Still not emulated: ExternalId lookups, throttling, KMS reasons, Created/Updated metadata.
moto's response layer calls some backend methods with keyword arguments: keep those parameter names.
"""

import json
import re
import sys

from moto.identitystore.exceptions import ConflictException, ResourceNotFoundException, ValidationException
from moto.identitystore.models import IdentityStoreBackend, Name
from moto.identitystore.responses import IdentityStoreResponse

RESERVED_NAMES = {"administrator", "awsadministrators"}
USER_NAME_PATTERN = re.compile(r"^\S{1,128}$")
MAX_BATCH = 100  # Operations, GroupIds and MaxResults all allow 1..100 in the service model

_original = {
    "create_user": IdentityStoreBackend.create_user,
    "create_group": IdentityStoreBackend.create_group,
    "create_group_membership": IdentityStoreBackend.create_group_membership,
    "list_users": IdentityStoreBackend.list_users,
    "list_groups": IdentityStoreBackend.list_groups,
    "list_group_memberships": IdentityStoreBackend.list_group_memberships,
    "list_group_memberships_for_member": IdentityStoreBackend.list_group_memberships_for_member,
}


# ---------------------------------------------------------------- helpers

def _store(backend, identity_store_id):
    return backend._IdentityStoreBackend__get_identity_store(identity_store_id)  # name-mangled private helper


def _not_found(kind, resource_id):
    error = ResourceNotFoundException(message=f"{kind} not found.", resource_type=kind)
    body = json.loads(error.description)
    body["ResourceId"] = resource_id
    error.description = json.dumps(body)
    return error


def _conflict(message):
    return ConflictException(message=message, reason="UNIQUENESS_CONSTRAINT_VIOLATION")


def _find_membership(store, group_id, user_id):
    return next((m for m in store.group_memberships.values()
                 if m["GroupId"] == group_id and m["MemberId"]["UserId"] == user_id), None)


def _drop_memberships(store, predicate):
    for key in [k for k, m in store.group_memberships.items() if predicate(m)]:
        del store.group_memberships[key]


def _emails_of(value):
    return [e.get("Value") for e in (value or []) if e.get("Value")]


def _check_email_unique(store, emails, own_user_id=None):
    for email in _emails_of(emails):
        if any(email in _emails_of(u.Emails) for u in store.users.values() if u.UserId != own_user_id):
            raise _conflict("Duplicate Email")


def _check_single_valued(**lists):
    for attribute, value in lists.items():
        if value and len(value) > 1:
            raise ValidationException(message=f"{attribute}: at most 1 value is allowed")


def _check_user_name(user_name):
    if user_name is None:
        return  # moto's own validation reports the missing userName
    if not USER_NAME_PATTERN.match(user_name):
        raise ValidationException(message="userName must be 1-128 characters without whitespace")
    if user_name.lower() in RESERVED_NAMES:
        raise ValidationException(message=f"userName {user_name} is reserved")


def _check_group_name(display_name):
    if display_name and display_name.lower() in RESERVED_NAMES:
        raise ValidationException(message=f"displayName {display_name} is reserved")


def _check_batch(name, items):
    if not items or len(items) > MAX_BATCH:
        raise ValidationException(message=f"{name} must hold 1 to {MAX_BATCH} items")


def _check_max_results(max_results):
    if max_results is not None and not 1 <= int(max_results) <= MAX_BATCH:
        raise ValidationException(message=f"MaxResults must be between 1 and {MAX_BATCH}")


# ---------------------------------------------------------------- backend: creates

def create_user(self, identity_store_id, user_name, name, display_name, nick_name, profile_url, emails,
                addresses, phone_numbers, user_type, title, preferred_language, locale, timezone):
    _check_user_name(user_name)
    _check_single_valued(emails=emails, addresses=addresses, phoneNumbers=phone_numbers)
    store = _store(self, identity_store_id)
    result = _original["create_user"](self, identity_store_id, user_name, name, display_name, nick_name,
                                      profile_url, emails, addresses, phone_numbers, user_type, title,
                                      preferred_language, locale, timezone)
    try:
        _check_email_unique(store, emails, own_user_id=result[0])
    except ConflictException:
        del store.users[result[0]]  # moto validated userName only; undo and report the email clash
        raise
    return result


def create_group(self, identity_store_id, display_name, description):
    _check_group_name(display_name)
    return _original["create_group"](self, identity_store_id, display_name, description)


def create_group_membership(self, identity_store_id, group_id, member_id):
    store = _store(self, identity_store_id)
    if group_id in store.groups and _find_membership(store, group_id, member_id["UserId"]):
        raise _conflict("Member is already in the group")
    return _original["create_group_membership"](self, identity_store_id, group_id, member_id)


# ---------------------------------------------------------------- backend: deletes (RNF + cascade)

def delete_user(self, identity_store_id, user_id):
    store = _store(self, identity_store_id)
    if user_id not in store.users:
        raise _not_found("USER", user_id)
    del store.users[user_id]
    _drop_memberships(store, lambda m: m["MemberId"]["UserId"] == user_id)


def delete_group(self, identity_store_id, group_id):
    store = _store(self, identity_store_id)
    if group_id not in store.groups:
        raise _not_found("GROUP", group_id)
    del store.groups[group_id]
    _drop_memberships(store, lambda m: m["GroupId"] == group_id)


def delete_group_membership(self, identity_store_id, membership_id):
    store = _store(self, identity_store_id)
    if membership_id not in store.group_memberships:
        raise _not_found("GROUP_MEMBERSHIP", membership_id)
    del store.group_memberships[membership_id]


# ---------------------------------------------------------------- backend: membership lookups

def get_group_membership_id(self, identity_store_id, group_id, member_id):
    store = _store(self, identity_store_id)
    if group_id not in store.groups:
        raise _not_found("GROUP", group_id)
    membership = _find_membership(store, group_id, member_id["UserId"])
    if not membership:
        raise _not_found("GROUP_MEMBERSHIP", f"{group_id}/{member_id['UserId']}")
    return membership["MembershipId"]


def describe_group_membership(self, identity_store_id, membership_id):
    store = _store(self, identity_store_id)
    if membership_id not in store.group_memberships:
        raise _not_found("GROUP_MEMBERSHIP", membership_id)
    return store.group_memberships[membership_id]


# ---------------------------------------------------------------- backend: updates

# AttributePath (case-insensitive) -> User field. Multi-valued ones take the whole one-element list.
_USER_FIELDS = {f.lower(): f for f in ("UserName", "DisplayName", "NickName", "ProfileUrl", "Emails", "Addresses",
                                       "PhoneNumbers", "UserType", "Title", "PreferredLanguage", "Locale",
                                       "Timezone")}
_MULTI_VALUED = {"emails", "addresses", "phonenumbers"}
_REQUIRED_USER_PATHS = {"username", "displayname", "name", "name.givenname", "name.familyname"}
_NAME_FIELDS = {f.lower(): f for f in Name._fields}


def update_user(self, identity_store_id, user_id, operations):
    store = _store(self, identity_store_id)
    if user_id not in store.users:
        raise _not_found("USER", user_id)
    _check_batch("Operations", operations)
    user = store.users[user_id]
    for operation in operations:
        raw_path = operation["AttributePath"]
        path, value = raw_path.lower(), operation.get("AttributeValue")
        if value is None and path in _REQUIRED_USER_PATHS:
            raise ValidationException(message=f"{raw_path}: The attribute is required and cannot be removed")
        if path.startswith("name."):
            sub = _NAME_FIELDS.get(path.split(".", 1)[1])
            if sub is None:
                raise ValidationException(message=f"Invalid attribute path {raw_path}")
            user = user._replace(Name=(user.Name or Name(*[None] * len(Name._fields)))._replace(**{sub: value}))
        elif path == "name":
            user = user._replace(Name=Name.from_dict(value))
        elif path in _USER_FIELDS:
            field = _USER_FIELDS[path]
            if path in _MULTI_VALUED:
                value = value if value is None else list(value)
                _check_single_valued(**{field: value})
            if field == "UserName":
                _check_user_name(value)
                if any(u.UserName == value and u.UserId != user_id for u in store.users.values()):
                    raise _conflict("Duplicate UserName")
            if field == "Emails":
                _check_email_unique(store, value, own_user_id=user_id)
            user = user._replace(**{field: value})
        elif re.match(r"^(emails|addresses|phonenumbers)\[", path):
            raise ValidationException(message=f"Unsupported update operation on multi-value attribute {raw_path}, "
                                              "please provide full replacement of Multi-Value attribute types")
        else:
            raise ValidationException(message=f"Invalid attribute path {raw_path}")
    store.users[user_id] = user


def update_group(self, identity_store_id, group_id, operations):
    store = _store(self, identity_store_id)
    if group_id not in store.groups:
        raise _not_found("GROUP", group_id)
    _check_batch("Operations", operations)
    group = store.groups[group_id]
    for operation in operations:
        path, value = operation["AttributePath"].lower(), operation.get("AttributeValue")
        if path == "displayname":
            if not value:
                raise ValidationException(message="displayName: The attribute is required and cannot be removed")
            _check_group_name(value)
            if any(g.DisplayName == value and g.GroupId != group_id for g in store.groups.values()):
                raise _conflict("Duplicate GroupDisplayName")
            group = group._replace(DisplayName=value)
        elif path == "description":
            group = group._replace(Description=value)
        else:
            raise ValidationException(message=f"Invalid attribute path {operation['AttributePath']}")
    store.groups[group_id] = group


# ---------------------------------------------------------------- backend: MaxResults range on lists

def _with_max_results_check(name):
    original = _original[name]

    def checked(self, *args, **kwargs):
        _check_max_results(kwargs.get("max_results"))
        return original(self, *args, **kwargs)

    checked.__name__ = name
    return checked


for _fn in (create_user, create_group, create_group_membership, delete_user, delete_group,
            delete_group_membership, get_group_membership_id, describe_group_membership, update_user,
            update_group):
    setattr(IdentityStoreBackend, _fn.__name__, _fn)
for _name in ("list_users", "list_groups", "list_group_memberships", "list_group_memberships_for_member"):
    setattr(IdentityStoreBackend, _name, _with_max_results_check(_name))


# ---------------------------------------------------------------- response handlers for the missing operations

def _handler(fn):
    setattr(IdentityStoreResponse, fn.__name__, fn)
    return fn


@_handler
def update_user(self):  # noqa: F811 (response side)
    self.identitystore_backend.update_user(self._get_param("IdentityStoreId"), self._get_param("UserId"),
                                           self._get_param("Operations"))
    return "{}"


@_handler
def update_group(self):  # noqa: F811
    self.identitystore_backend.update_group(self._get_param("IdentityStoreId"), self._get_param("GroupId"),
                                            self._get_param("Operations"))
    return "{}"


@_handler
def get_group_membership_id(self):  # noqa: F811
    store_id = self._get_param("IdentityStoreId")
    membership_id = self.identitystore_backend.get_group_membership_id(
        store_id, self._get_param("GroupId"), self._get_param("MemberId"))
    return json.dumps({"MembershipId": membership_id, "IdentityStoreId": store_id})


@_handler
def describe_group_membership(self):  # noqa: F811
    membership = self.identitystore_backend.describe_group_membership(
        self._get_param("IdentityStoreId"), self._get_param("MembershipId"))
    return json.dumps(membership)


@_handler
def is_member_in_groups(self):
    store_id, member = self._get_param("IdentityStoreId"), self._get_param("MemberId")
    group_ids = self._get_param("GroupIds")
    _check_batch("GroupIds", group_ids)
    store = _store(self.identitystore_backend, store_id)
    results = [{"GroupId": gid, "MemberId": member,
                "MembershipExists": _find_membership(store, gid, member["UserId"]) is not None}
               for gid in group_ids]
    return json.dumps({"Results": results})


if __name__ == "__main__":
    from moto.server import main

    main(sys.argv[1:])
