package dev.kiroscim.it.fuzz;

import java.util.List;

/**
 * The request shapes the fuzzer starts from: what Okta and Entra send (the shapes our IdP tests and
 * {@code Bodies} use; docs/idp-quirks.md) and the examples of RFC 7643 §8 and RFC 7644 §3. Placeholders are filled
 * per request: {@code {user}}, {@code {user2}} (pool user ids), {@code {group}} (a pool group id), {@code {uname}}
 * and {@code {gname}} (fresh unique names).
 */
final class Shapes {

    /**
     * @param name   shape name, printed with a failing request
     * @param method HTTP method
     * @param path   path below {@code /scim/v2}
     * @param query  decoded query parameters {@code name=value&…} (values are percent-encoded when sent), or null
     * @param body   JSON text, or null
     */
    record Shape(String name, String method, String path, String query, String body) {
        String kind() {
            return path.startsWith("/Users") ? "Users" : path.startsWith("/Groups") ? "Groups" : null;
        }

        /** The pool resource a write addresses: {@code {user}} or {@code {group}} in the path. */
        String targetPlaceholder() {
            return path.contains("{user}") ? "{user}" : path.contains("{group}") ? "{group}" : null;
        }
    }

    static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final String PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    static final String SEARCH = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

    private Shapes() {}

    static final List<Shape> ALL = List.of(
            // Okta (docs/idp-quirks.md; Okta's SCIM 2.0 guide)
            new Shape("okta-create-user", "POST", "/Users", null, """
                    {"schemas":["%s"],"userName":"{uname}","name":{"givenName":"Test","familyName":"User"},
                     "emails":[{"primary":true,"value":"{uname}","type":"work"}],"displayName":"Test User",
                     "locale":"en-US","externalId":"00u1abcd","groups":[],"password":"1mz050nq","active":true}""".formatted(USER)),
            new Shape(
                    "okta-get-by-username",
                    "GET",
                    "/Users",
                    "filter=userName eq \"{uname}\"&startIndex=1&count=100",
                    null),
            new Shape("okta-get-user", "GET", "/Users/{user}", null, null),
            new Shape("okta-put-user", "PUT", "/Users/{user}", null, """
                    {"schemas":["%s"],"id":"{user}","userName":"{uname}","name":{"givenName":"Another","familyName":"User"},
                     "emails":[{"primary":true,"value":"{uname}","type":"work","display":"{uname}"}],"displayName":"Another User",
                     "active":true,"groups":[],"meta":{"resourceType":"User"}}""".formatted(USER)),
            new Shape("okta-deactivate", "PATCH", "/Users/{user}", null, """
                    {"schemas":["%s"],"Operations":[{"op":"replace","value":{"active":false}}]}""".formatted(PATCH)),
            new Shape("okta-password-sync", "PATCH", "/Users/{user}", null, """
                    {"schemas":["%s"],"Operations":[{"op":"replace","value":{"password":"t1meMa$heen"}}]}""".formatted(PATCH)),
            new Shape("okta-create-group", "POST", "/Groups", null, """
                    {"schemas":["%s"],"displayName":"{gname}","members":[{"value":"{user}","display":"user@example.com"}]}""".formatted(GROUP)),
            new Shape(
                    "okta-get-group-by-name",
                    "GET",
                    "/Groups",
                    "filter=displayName eq \"{gname}\"&excludedAttributes=members",
                    null),
            new Shape("okta-group-rename", "PATCH", "/Groups/{group}", null, """
                    {"schemas":["%s"],"Operations":[{"op":"replace","value":{"id":"{group}","displayName":"{gname}"}}]}""".formatted(PATCH)),
            new Shape("okta-group-members", "PATCH", "/Groups/{group}", null, """
                    {"schemas":["%s"],"Operations":[{"op":"remove","path":"members[value eq \\"{user}\\"]"},
                     {"op":"add","path":"members","value":[{"value":"{user2}","display":"u2@example.com"}]}]}""".formatted(PATCH)),
            new Shape("okta-put-group", "PUT", "/Groups/{group}", null, """
                    {"schemas":["%s"],"id":"{group}","displayName":"{gname}","members":[{"value":"{user}","display":"a"},{"value":"{user2}"}]}""".formatted(GROUP)),
            // Microsoft Entra ID (learn.microsoft.com "SCIM endpoint" request examples)
            new Shape("entra-create-user", "POST", "/Users", null, """
                    {"schemas":["%s","%s"],"externalId":"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef","userName":"{uname}",
                     "active":true,"addresses":[{"primary":true,"type":"work","country":"US","locality":"Redmond",
                     "formatted":"1 Microsoft Way\\nRedmond WA 98052","postalCode":"98052","region":"WA","streetAddress":"1 Microsoft Way"}],
                     "displayName":"Test User","emails":[{"primary":true,"type":"work","value":"{uname}"}],"meta":{"resourceType":"User"},
                     "name":{"familyName":"User","givenName":"Test","formatted":"Test User"},"phoneNumbers":[{"type":"work","value":"+1 425 555 0100"},
                     {"type":"mobile","value":"+1 425 555 0101"}],"roles":[],"title":"Sales","preferredLanguage":"en-US",
                     "%s":{"employeeNumber":"701984","department":"Sales","costCenter":"4130","organization":"Contoso",
                     "division":"Retail","manager":{"value":"{user}"}}}""".formatted(USER, ENT, ENT)),
            new Shape(
                    "entra-get-by-externalid",
                    "GET",
                    "/Users",
                    "filter=externalId eq \"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef\"",
                    null),
            new Shape("entra-patch-user", "PATCH", "/Users/{user}", null, """
                    {"schemas":["%s"],"Operations":[{"op":"Replace","path":"displayName","value":"Pvlo"},
                     {"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"pvlo@contoso.com"},
                     {"op":"Replace","path":"name.givenName","value":"P"},{"op":"Replace","path":"active","value":"False"},
                     {"op":"Replace","path":"%s:employeeNumber","value":"1234"},
                     {"op":"Add","path":"%s:manager","value":"{user2}"},{"op":"Add","path":"nickName","value":"Babs"}]}""".formatted(PATCH, ENT, ENT)),
            new Shape("entra-add-members", "PATCH", "/Groups/{group}", null, """
                    {"schemas":["%s"],"Operations":[{"op":"Add","path":"members","value":[{"$ref":null,"value":"{user}"},{"value":"{user2}"}]}]}""".formatted(PATCH)),
            new Shape("entra-remove-members", "PATCH", "/Groups/{group}", null, """
                    {"schemas":["%s"],"Operations":[{"op":"Remove","path":"members","value":[{"value":"{user}"}]}]}""".formatted(PATCH)),
            new Shape("entra-replace-group-name", "PATCH", "/Groups/{group}", null, """
                    {"schemas":["%s"],"Operations":[{"op":"Replace","path":"displayName","value":"{gname}"}]}""".formatted(PATCH)),
            new Shape(
                    "entra-get-groups",
                    "GET",
                    "/Groups",
                    "excludedAttributes=members&filter=displayName eq \"{gname}\"",
                    null),
            new Shape("entra-trailing-slash", "GET", "/Users/", "filter=userName eq \"{uname}\"", null),
            // RFC 7643 §8.3 (full enterprise user), §8.4 (group); RFC 7644 §3.4.3 (search), §3.5.2 (PATCH)
            new Shape("rfc-full-user", "POST", "/Users", null, """
                    {"schemas":["%s","%s"],"externalId":"701984","userName":"{uname}",
                     "name":{"formatted":"Ms. Barbara J Jensen, III","familyName":"Jensen","givenName":"Barbara","middleName":"Jane",
                     "honorificPrefix":"Ms.","honorificSuffix":"III"},"displayName":"Babs Jensen","nickName":"Babs",
                     "profileUrl":"https://login.example.com/bjensen","emails":[{"value":"bjensen@example.com","type":"work","primary":true},
                     {"value":"babs@jensen.org","type":"home"}],"addresses":[{"streetAddress":"100 Universal City Plaza","locality":"Hollywood",
                     "region":"CA","postalCode":"91608","country":"USA","formatted":"100 Universal City Plaza\\nHollywood, CA 91608 USA",
                     "type":"work","primary":true}],"phoneNumbers":[{"value":"555-555-5555","type":"work"},{"value":"555-555-4444","type":"mobile"}],
                     "ims":[{"value":"someaimhandle","type":"aim"}],"photos":[{"value":"https://photos.example.com/profilephoto/72930000000Ccne/F","type":"photo"}],
                     "userType":"Employee","title":"Tour Guide","preferredLanguage":"en-US","locale":"en-US","timezone":"America/Los_Angeles",
                     "active":true,"password":"t1meMa$heen","x509Certificates":[{"value":"MIIDQzCCAqygAwIBAgICEAAwDQYJKoZIhvcNAQEFBQAwTjELMAkGA1UEBhMCVVMx"}],
                     "%s":{"employeeNumber":"701984","costCenter":"4130","organization":"Universal Studios","division":"Theme Park",
                     "department":"Tour Operations","manager":{"value":"{user}","$ref":"../Users/{user}","displayName":"John Smith"}}}""".formatted(USER, ENT, ENT)),
            new Shape("rfc-group", "POST", "/Groups", null, """
                    {"schemas":["%s"],"displayName":"{gname}","externalId":"e-{gname}","members":[{"value":"{user}","$ref":"../Users/{user}","display":"Babs Jensen"},
                     {"value":"{user2}","display":"Mandy Pepperidge"}]}""".formatted(GROUP)),
            new Shape("rfc-search-users", "POST", "/Users/.search", null, """
                    {"schemas":["%s"],"attributes":["displayName","userName"],"excludedAttributes":[],
                     "filter":"displayName sw \\"smith\\" or emails[type eq \\"work\\" and value co \\"@example.com\\"]","startIndex":1,"count":10,
                     "sortBy":"userName","sortOrder":"descending"}""".formatted(SEARCH)),
            new Shape("rfc-search-groups", "POST", "/Groups/.search", null, """
                    {"schemas":["%s"],"filter":"members[value eq \\"{user}\\"] or displayName co \\"x\\"","count":5}""".formatted(SEARCH)),
            new Shape(
                    "rfc-list-users",
                    "GET",
                    "/Users",
                    "filter=title pr and userType eq \"Employee\" or not (emails co \"example.com\")"
                            + "&sortBy=name.familyName&sortOrder=ascending&startIndex=1&count=10&attributes=userName,emails.value",
                    null),
            new Shape(
                    "rfc-filter-groups-of-user",
                    "GET",
                    "/Users",
                    "filter=groups.display eq \"{gname}\" or groups[value eq \"{group}\"]",
                    null),
            new Shape(
                    "rfc-filter-dates",
                    "GET",
                    "/Users",
                    "filter=meta.lastModified gt \"2011-05-13T04:42:34Z\" and meta.created le \"2099-01-01T00:00:00Z\"",
                    null),
            new Shape("rfc-patch-add-members", "PATCH", "/Groups/{group}", null, """
                    {"schemas":["%s"],"Operations":[{"op":"add","path":"members","value":[{"display":"Babs Jensen","$ref":"../Users/{user}","value":"{user}"}]}]}""".formatted(PATCH)),
            new Shape("rfc-patch-remove-all-members", "PATCH", "/Groups/{group}", null, """
                    {"schemas":["%s"],"Operations":[{"op":"remove","path":"members"}]}""".formatted(PATCH)),
            new Shape("rfc-patch-user-multi", "PATCH", "/Users/{user}", null, """
                    {"schemas":["%s"],"Operations":[{"op":"add","value":{"emails":[{"value":"babs@jensen.org","type":"home"}],"nickName":"Babs"}},
                     {"op":"replace","path":"emails[type eq \\"work\\"]","value":{"type":"work","value":"bjensen@example.com","primary":true}},
                     {"op":"replace","path":"addresses[type eq \\"work\\"].streetAddress","value":"1010 Broadway Ave"},
                     {"op":"remove","path":"phoneNumbers[type eq \\"fax\\"]"},{"op":"remove","path":"x509Certificates"},
                     {"op":"replace","path":"name","value":{"givenName":"Barbara","familyName":"Jensen"}}]}""".formatted(PATCH)),
            new Shape("rfc-delete-user", "DELETE", "/Users/{user}", null, null),
            new Shape("rfc-delete-group", "DELETE", "/Groups/{group}", null, null),
            new Shape("rfc-get-group", "GET", "/Groups/{group}", "attributes=displayName,members", null),
            new Shape("discovery-spc", "GET", "/ServiceProviderConfig", null, null),
            new Shape("discovery-schemas", "GET", "/Schemas", null, null),
            new Shape("discovery-schema", "GET", "/Schemas/" + USER, null, null),
            new Shape("discovery-resource-types", "GET", "/ResourceTypes/User", null, null));
}
