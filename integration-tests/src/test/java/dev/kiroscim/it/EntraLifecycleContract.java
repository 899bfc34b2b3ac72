package dev.kiroscim.it;

import static dev.kiroscim.it.Bodies.ENTERPRISE_URN;
import static dev.kiroscim.it.Bodies.str;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Microsoft Entra ID provisioning (docs/idp-quirks.md, "Entra") in both of its modes: the default one (capitalised ops,
 * {@code "True"}/{@code "False"} strings, member removal by value list) and the {@code aadOptscim062020} one
 * (lower-case ops, real booleans, one path-less replace with dotted and URN keys, member removal by filter).
 * Every request uses Entra's headers and, in flag mode, carries the flag on the URL as a tenant URL with
 * {@code ?aadOptscim062020} would.
 */
abstract class EntraLifecycleContract extends ScimContract {

    private static final String PATCH_SCHEMAS =
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[";

    enum Mode {
        DEFAULT("", "Add", "Replace", "Remove", "\"True\"", "\"False\""),
        AAD_OPT_SCIM_062020("aadOptscim062020", "add", "replace", "remove", "true", "false");

        final String flag;
        final String add;
        final String replace;
        final String remove;
        final String trueValue;
        final String falseValue;

        Mode(String flag, String add, String replace, String remove, String trueValue, String falseValue) {
            this.flag = flag;
            this.add = add;
            this.replace = replace;
            this.remove = remove;
            this.trueValue = trueValue;
            this.falseValue = falseValue;
        }

        /** {@code path} with the flag appended the way a tenant URL {@code …/scim/v2?aadOptscim062020} produces. */
        String url(String path) {
            if (flag.isEmpty()) {
                return path;
            }
            return path + (path.contains("?") ? "&" : "?") + flag;
        }
    }

    private ScimResponse entra(Mode mode, String method, String path, String body) {
        RawHttp raw = RawHttp.to(server);
        String auth = "Bearer " + server.token();
        if (body == null) {
            return raw.send(method, mode.url(path), null, "Authorization", auth);
        }
        return raw.send(
                method,
                mode.url(path),
                body,
                "Authorization",
                auth,
                "Content-Type",
                "application/scim+json; charset=utf-8");
    }

    private static String patch(String... operations) {
        return PATCH_SCHEMAS + String.join(",", operations) + "]}";
    }

    private static String op(String op, String path, String valueJson) {
        return "{\"op\":\"" + op + "\"" + (path == null ? "" : ",\"path\":" + str(path))
                + (valueJson == null ? "" : ",\"value\":" + valueJson) + "}";
    }

    private static String byUserName(String userName) {
        return "/Users?filter=userName+eq+%22" + userName.replace("@", "%40") + "%22";
    }

    private static JsonNode enterprise(ScimResponse user) {
        return user.json().path(ENTERPRISE_URN);
    }

    private static String emailOfType(ScimResponse user, String type) {
        for (JsonNode email : user.node("emails")) {
            if (type.equals(email.path("type").asText())) {
                return email.path("value").asText();
            }
        }
        return null;
    }

    /** §2.3: the matching query finds nothing, then the create; {@code active} as Entra's mode sends it. */
    private String createUser(Mode mode, String userName, String externalId, String extraJson) {
        entra(mode, "GET", byUserName(userName), null)
                .expectStatus(200)
                .assertText("totalResults")
                .isEqualTo("0");
        String body = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\",\"" + ENTERPRISE_URN + "\"],"
                + "\"externalId\":" + str(externalId) + ",\"userName\":" + str(userName) + ",\"active\":"
                + mode.trueValue + ","
                + "\"displayName\":\"Alice Example\",\"emails\":[{\"primary\":true,\"type\":\"work\",\"value\":"
                + str(userName) + "}],"
                + "\"meta\":{\"resourceType\":\"User\"},"
                + "\"name\":{\"formatted\":\"Alice Example\",\"familyName\":\"Example\",\"givenName\":\"Alice\"},"
                + "\"roles\":[],\"addresses\":null,\"phoneNumbers\":null,\"title\":null" + extraJson + ","
                + "\"" + ENTERPRISE_URN + "\":{\"department\":\"Sales\"}}";
        ScimResponse created =
                entra(mode, "POST", "/Users", body).expectStatus(201).expectScimContentType();
        assertThat(created.node("active").isBoolean())
                .as("active comes back a JSON boolean\n%s", created.describe())
                .isTrue();
        created.assertText("active").isEqualTo("true");
        created.assertText("meta.created").isNotBlank();
        assertThat(enterprise(created).path("department").asText()).isEqualTo("Sales");
        return created.id();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void userLifecycle(Mode mode) {
        // Test Connection: a random GUID as userName, no Accept header, '+' for spaces (§2.1).
        entra(mode, "GET", "/Users?filter=userName+eq+%227d420df3-9995-4831-a406-ecf8166f5f6a%22", null)
                .expectStatus(200)
                .assertText("totalResults")
                .isEqualTo("0");
        String userName = "alice-" + Bodies.unique() + "@contoso.com";
        String id = createUser(mode, userName, "alice", "");

        // §2.5: several attributes in one PATCH, value-path filters and extension URN paths mixed.
        String workEmail = "pvlo-" + Bodies.unique() + "@contoso.com";
        String employeeNumber = ENTERPRISE_URN + ":employeeNumber";
        String update = mode == Mode.DEFAULT
                ? patch(
                        op("Replace", "displayName", "\"Pvlo\""),
                        op("Replace", "emails[type eq \"work\"].value", str(workEmail)),
                        op("Replace", "name.givenName", "\"P\""),
                        op("Replace", "name.familyName", "\"Vlo\""),
                        op("Replace", "externalId", "\"pvlo\""),
                        op("Replace", employeeNumber, "\"1234\""),
                        op("Add", "nickName", "\"Babs\""))
                : patch(
                        op("replace", "emails[type eq \"work\"].value", str(workEmail)),
                        op(
                                "replace",
                                null,
                                "{\"displayName\":\"Pvlo\",\"name.givenName\":\"P\",\"name.familyName\":\"Vlo\","
                                        + "\"externalId\":\"pvlo\",\"" + employeeNumber + "\":\"1234\"}"),
                        op("add", "nickName", "\"Babs\""));
        entra(mode, "PATCH", "/Users/" + id, update).expectStatus(200);
        ScimResponse updated = entra(mode, "GET", "/Users/" + id, null).expectStatus(200);
        updated.assertText("displayName").isEqualTo("Pvlo");
        assertThat(emailOfType(updated, "work")).isEqualTo(workEmail);
        updated.assertTexts("emails", "value").hasSize(1);
        updated.assertText("name.givenName").isEqualTo("P");
        updated.assertText("name.familyName").isEqualTo("Vlo");
        updated.assertText("externalId").isEqualTo("pvlo");
        updated.assertText("nickName").isEqualTo("Babs");
        assertThat(enterprise(updated).path("employeeNumber").asText()).isEqualTo("1234");
        assertThat(enterprise(updated).path("department").asText())
                .as("untouched extension attribute")
                .isEqualTo("Sales");
        entra(
                        mode,
                        "GET",
                        "/Users?filter=externalId+eq+%22pvlo%22+and+userName+eq+%22" + userName.replace("@", "%40")
                                + "%22",
                        null)
                .expectStatus(200)
                .assertText("Resources[0].id")
                .isEqualTo(id);

        // Manager: a user created after this one (§2.9), set, replaced in the other shape, cleared with {"value":""}.
        String manager = createUser(mode, "mgr-" + Bodies.unique() + "@contoso.com", "mgr", "");
        String manager2 = createUser(mode, "mgr2-" + Bodies.unique() + "@contoso.com", "mgr2", "");
        String managerPath = ENTERPRISE_URN + ":manager";
        entra(mode, "PATCH", "/Users/" + id, patch(op(mode.add, managerPath, str(manager))))
                .expectStatus(200);
        assertThat(enterprise(entra(mode, "GET", "/Users/" + id, null))
                        .path("manager")
                        .path("value")
                        .asText())
                .isEqualTo(manager);
        entra(mode, "PATCH", "/Users/" + id, patch(op(mode.replace, managerPath, "{\"value\":" + str(manager2) + "}")))
                .expectStatus(200);
        assertThat(enterprise(entra(mode, "GET", "/Users/" + id, null))
                        .path("manager")
                        .path("value")
                        .asText())
                .isEqualTo(manager2);
        entra(mode, "PATCH", "/Users/" + id, patch(op(mode.replace, managerPath, "{\"value\":\"\"}")))
                .expectStatus(200);
        assertThat(enterprise(entra(mode, "GET", "/Users/" + id, null))
                        .path("manager")
                        .path("value")
                        .asText(""))
                .isEmpty();

        // §2.6: disable, still findable while inactive, re-enable on the same id, then the hard delete.
        entra(mode, "PATCH", "/Users/" + id, patch(op(mode.replace, "active", mode.falseValue)))
                .expectStatus(200)
                .assertText("active")
                .isEqualTo("false");
        ScimResponse disabled = entra(mode, "GET", byUserName(userName), null).expectStatus(200);
        disabled.assertText("Resources[0].id").isEqualTo(id);
        disabled.assertText("Resources[0].active").isEqualTo("false");
        entra(mode, "PATCH", "/Users/" + id, patch(op(mode.replace, "active", mode.trueValue)))
                .expectStatus(200)
                .assertText("active")
                .isEqualTo("true");
        entra(mode, "DELETE", "/Users/" + id, null).expectStatus(204);
        entra(mode, "GET", "/Users/" + id, null).expectScimError(404, null);
        entra(mode, "GET", byUserName(userName), null)
                .expectStatus(200)
                .assertText("totalResults")
                .isEqualTo("0");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void workEmailIsCreatedWhenAbsentWithoutDroppingOtherEmails(Mode mode) {
        String userName = "bob-" + Bodies.unique() + "@contoso.com";
        // proxyAddresses → emails[type eq "other"]: the user has no work email yet.
        String id = entra(
                        mode,
                        "POST",
                        "/Users",
                        "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                                + "\"userName\":" + str(userName) + ",\"active\":" + mode.trueValue + ","
                                + "\"emails\":[{\"type\":\"other\",\"value\":\"smtp-bob@contoso.com\"}]}")
                .expectStatus(201)
                .id();
        entra(
                        mode,
                        "PATCH",
                        "/Users/" + id,
                        patch(
                                op(mode.replace, "emails[type eq \"work\"].value", "\"bob@contoso.com\""),
                                op(mode.add, "phoneNumbers[type eq \"mobile\"].value", "\"+1 555 0101\"")))
                .expectStatus(200);
        ScimResponse read = entra(mode, "GET", "/Users/" + id, null).expectStatus(200);
        assertThat(emailOfType(read, "work")).isEqualTo("bob@contoso.com");
        assertThat(emailOfType(read, "other")).isEqualTo("smtp-bob@contoso.com");
        read.assertText("phoneNumbers[0].type").isEqualTo("mobile");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void groupLifecycle(Mode mode) {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            users.add(createUser(mode, "member" + i + "-" + Bodies.unique() + "@contoso.com", "m" + i, ""));
        }
        String name = "Sales " + Bodies.unique();
        String byName = "/Groups?excludedAttributes=members&filter=displayName+eq+%22" + name.replace(" ", "+") + "%22";
        entra(mode, "GET", byName, null)
                .expectStatus(200)
                .assertText("totalResults")
                .isEqualTo("0");
        // §2.7: created without members, with Microsoft's extra schema URI and meta.
        ScimResponse created = entra(
                        mode,
                        "POST",
                        "/Groups",
                        "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\","
                                + "\"http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group\"],"
                                + "\"externalId\":\"8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159\",\"displayName\":" + str(name)
                                + ",\"meta\":{\"resourceType\":\"Group\"}}")
                .expectStatus(201);
        String group = created.id();

        // Three members in one operation, with Entra's "$ref": null.
        String added = "["
                + String.join(
                        ",",
                        users.stream()
                                .map(u -> "{\"$ref\":null,\"value\":" + str(u) + "}")
                                .toList()) + "]";
        entra(mode, "PATCH", "/Groups/" + group, patch(op(mode.add, "members", added)))
                .expectStatus(200);
        ScimResponse excluded = entra(mode, "GET", "/Groups/" + group + "?excludedAttributes=members", null)
                .expectStatus(200);
        assertThat(excluded.json().has("members")).as(excluded.describe()).isFalse();
        ScimResponse filtered = entra(mode, "GET", byName, null).expectStatus(200);
        filtered.assertText("totalResults").isEqualTo("1");
        assertThat(filtered.node("Resources[0]").has("members"))
                .as(filtered.describe())
                .isFalse();
        entra(mode, "GET", "/Groups/" + group, null)
                .expectStatus(200)
                .assertTexts("members", "value")
                .containsExactlyInAnyOrderElementsOf(users);

        // Remove one member in this mode's shape; the others stay (bug #3).
        String removal = mode == Mode.DEFAULT
                ? op("Remove", "members", "[{\"$ref\":null,\"value\":" + str(users.get(0)) + "}]")
                : op("remove", "members[value eq \"" + users.get(0) + "\"]", null);
        entra(mode, "PATCH", "/Groups/" + group, patch(removal)).expectStatus(200);
        entra(mode, "GET", "/Groups/" + group, null)
                .expectStatus(200)
                .assertTexts("members", "value")
                .containsExactlyInAnyOrder(users.get(1), users.get(2));

        // Rename and a late externalId (rancher/rancher#55776).
        entra(
                        mode,
                        "PATCH",
                        "/Groups/" + group,
                        patch(
                                op(mode.replace, "displayName", str(name + " EU")),
                                op(mode.add, "externalId", "\"objectId-2\"")))
                .expectStatus(200);
        ScimResponse renamed = entra(mode, "GET", "/Groups/" + group + "?excludedAttributes=members", null)
                .expectStatus(200);
        renamed.assertText("displayName").isEqualTo(name + " EU");
        renamed.assertText("externalId").isEqualTo("objectId-2");

        entra(mode, "DELETE", "/Groups/" + group, null).expectStatus(204);
        entra(mode, "GET", "/Groups/" + group, null).expectScimError(404, null);
        entra(mode, "GET", "/Users/" + users.get(1), null).expectStatus(200);
    }
}
