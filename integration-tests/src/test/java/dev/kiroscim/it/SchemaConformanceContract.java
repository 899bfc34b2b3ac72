package dev.kiroscim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Reads {@code /Schemas} and probes every attribute and sub-attribute of User, Enterprise User and Group against
 * what the server really does, so that a declaration and the behaviour cannot disagree silently:
 * <ul>
 *   <li><b>mutability</b>: readWrite values are stored, returned and replaceable by PATCH; readOnly values sent by a
 *       client are ignored on POST and a PATCH naming them is 400 mutability; immutable member sub-attributes cannot
 *       be replaced (400 mutability);</li>
 *   <li><b>returned</b>: "always" attributes come back even when {@code attributes=} names another one;
 *       "default" ones come back unless excluded with {@code excludedAttributes};</li>
 *   <li><b>uniqueness</b>: "server" values (userName, Group displayName) cannot be used twice (409, also in another
 *       case when not caseExact); "none" values can;</li>
 *   <li><b>caseExact</b>: an {@code eq} filter with the value in other case finds the resource exactly when the
 *       attribute is not caseExact.</li>
 * </ul>
 */
abstract class SchemaConformanceContract extends ScimContract {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String ENT = Bodies.ENTERPRISE_URN;

    /** One declared attribute: its schema, its parent (for a sub-attribute) and its definition from /Schemas. */
    private record Declared(String resource, String schemaUrn, JsonNode parent, JsonNode attribute) {
        String name() {
            return attribute.path("name").asText();
        }

        String path() {
            String local = parent == null ? name() : parent.path("name").asText() + "." + name();
            return schemaUrn.equals(ENT) ? ENT + ":" + local : local;
        }

        String characteristic(String key) {
            return attribute.path(key).asText();
        }

        boolean isString() {
            return List.of("string", "reference").contains(characteristic("type"));
        }

        boolean multiValuedParent() {
            return parent != null && parent.path("multiValued").asBoolean();
        }

        @Override
        public String toString() {
            return resource + " " + path();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyDeclaredCharacteristicHolds() {
        List<Declared> declared = new ArrayList<>();
        collect(declared, "Users", Bodies.USER_URN);
        collect(declared, "Users", ENT);
        collect(declared, "Groups", Bodies.GROUP_URN);
        assertThat(declared).as("attributes declared in /Schemas").hasSizeGreaterThan(80);
        List<DynamicTest> tests = new ArrayList<>();
        for (Declared d : declared) {
            String mutability = d.characteristic("mutability");
            if (isMembers(d)) {
                tests.add(DynamicTest.dynamicTest(d + ": " + mutability, () -> probeMember(d)));
                continue;
            }
            if (d.characteristic("type").equals("complex")) {
                tests.add(DynamicTest.dynamicTest(
                        d + ": returned " + d.characteristic("returned"), () -> probeReturned(d)));
                continue;
            }
            tests.add(DynamicTest.dynamicTest(d + ": " + mutability, () -> probeMutability(d)));
            if (d.isString() && mutability.equals("readWrite")) {
                tests.add(DynamicTest.dynamicTest(
                        d + ": caseExact " + d.characteristic("caseExact"), () -> probeCaseExact(d)));
                tests.add(DynamicTest.dynamicTest(
                        d + ": uniqueness " + d.characteristic("uniqueness"), () -> probeUniqueness(d)));
            }
            if (d.parent() == null) {
                tests.add(DynamicTest.dynamicTest(
                        d + ": returned " + d.characteristic("returned"), () -> probeReturned(d)));
            }
        }
        return tests.stream();
    }

    private void collect(List<Declared> out, String resource, String urn) {
        JsonNode schema = scim.get("/Schemas/" + urn).expectStatus(200).json();
        for (JsonNode attribute : schema.path("attributes")) {
            out.add(new Declared(resource, urn, null, attribute));
            for (JsonNode sub : attribute.path("subAttributes")) {
                out.add(new Declared(resource, urn, attribute, sub));
            }
        }
    }

    // --- mutability ----------------------------------------------------------------------------------------------

    private void probeMutability(Declared d) {
        String mutability = d.characteristic("mutability");
        if (mutability.equals("readOnly")) {
            String id = create(d, null);
            JsonNode before = get(d, id);
            ObjectNode body = base(d, "ro");
            put(body, d, sample(d, "Client-Sent"));
            String other = scim.post("/" + d.resource(), body).expectStatus(201).id();
            assertThat(valueOf(get(d, other), d))
                    .as("%s sent by a client is ignored", d)
                    .isNotEqualTo(sample(d, "Client-Sent"));
            scim.patch("/" + d.resource() + "/" + id, Bodies.patch(replace(d.path(), sample(d, "Patched"))))
                    .expectScimError(400, "mutability");
            assertThat(get(d, id)).as("unchanged after the rejected PATCH").isEqualTo(before);
            return;
        }
        assertThat(mutability).as(d + " mutability").isEqualTo("readWrite");
        JsonNode first = sample(d, "First");
        String id = create(d, first);
        assertThat(valueOf(get(d, id), d)).as("%s stored and returned", d).isEqualTo(first);
        JsonNode second = sample(d, "Second");
        scim.patch("/" + d.resource() + "/" + id, Bodies.patch(replace(d.path(), second)))
                .expectStatus(200);
        assertThat(valueOf(get(d, id), d)).as("%s replaced by PATCH", d).isEqualTo(second);
    }

    /** Group members: values are set by adding members; the immutable sub-attributes cannot be replaced. */
    private void probeMember(Declared d) {
        String user = scim.createUser(Bodies.uniqueUserName("Probe.Member"));
        String group = scim.createGroup("Probe Members " + Bodies.unique(), user);
        JsonNode members = scim.get("/Groups/" + group).json().path("members");
        assertThat(members.get(0).path("value").asText()).isEqualTo(user);
        if (d.parent() == null) {
            assertThat(d.characteristic("mutability")).isEqualTo("readWrite");
            return;
        }
        scim.patch(
                        "/Groups/" + group,
                        Bodies.patch(replace("members[value eq \"" + user + "\"]." + d.name(), JSON.textNode("x"))))
                .expectScimError(400, "mutability");
        assertThat(d.characteristic("mutability")).as(d + " mutability").isIn("immutable", "readOnly");
        assertThat(scim.get("/Groups/" + group).json().path("members")).isEqualTo(members);
    }

    // --- returned ------------------------------------------------------------------------------------------------

    private void probeReturned(Declared d) {
        String returned = d.characteristic("returned");
        JsonNode value =
                d.characteristic("mutability").equals("readWrite") && !isMembers(d) ? sample(d, "Returned") : null;
        String id = create(d, value);
        String top = d.parent() == null
                ? d.path()
                : (d.schemaUrn().equals(ENT) ? ENT + ":" : "")
                        + d.parent().path("name").asText();
        String other = d.resource().equals("Users")
                ? (top.equals("userName") ? "displayName" : "userName")
                : (top.equals("displayName") ? "externalId" : "displayName");
        JsonNode plain = get(d, id);
        JsonNode onlyOther = scim.get("/" + d.resource() + "/" + id, "attributes", other)
                .expectStatus(200)
                .json();
        JsonNode excluded = scim.get("/" + d.resource() + "/" + id, "excludedAttributes", top)
                .expectStatus(200)
                .json();
        switch (returned) {
            case "always" -> {
                assertThat(has(plain, top)).as("%s in a plain GET", d).isTrue();
                assertThat(has(onlyOther, top))
                        .as("%s with attributes=%s", d, other)
                        .isTrue();
                assertThat(has(excluded, top)).as("%s cannot be excluded", d).isTrue();
            }
            case "default" -> {
                if (value != null || top.equals("groups") || top.equals("members")) {
                    assertThat(has(plain, top)).as("%s in a plain GET", d).isTrue();
                }
                assertThat(has(onlyOther, top))
                        .as("%s with attributes=%s", d, other)
                        .isFalse();
                assertThat(has(excluded, top))
                        .as("%s with excludedAttributes", d)
                        .isFalse();
            }
            case "never" ->
                assertThat(has(plain, top) || has(onlyOther, top))
                        .as("%s never returned", d)
                        .isFalse();
            default -> throw new AssertionError(d + " has returned=" + returned + "; add a probe for it");
        }
    }

    // --- uniqueness and caseExact ----------------------------------------------------------------------------------

    private void probeUniqueness(Declared d) {
        JsonNode value = sample(d, "Uniq");
        create(d, value);
        ObjectNode again = base(d, "dup");
        JsonNode sameOtherCase = d.characteristic("caseExact").equals("true") ? value : swapCase(value);
        put(again, d, sameOtherCase);
        ScimResponse second = scim.post("/" + d.resource(), again);
        if (d.characteristic("uniqueness").equals("server")) {
            second.expectScimError(409, "uniqueness");
        } else {
            assertThat(d.characteristic("uniqueness")).isEqualTo("none");
            second.expectStatus(201);
        }
    }

    private void probeCaseExact(Declared d) {
        JsonNode value = sample(d, "CaseProbe");
        String id = create(d, value);
        String lower = leafText(value).toLowerCase(Locale.ROOT);
        String filter = d.path() + " eq " + Json.MAPPER.valueToTree(lower);
        List<String> found = scim.get("/" + d.resource(), "filter", filter, "count", "50")
                .expectStatus(200)
                .texts("Resources", "id");
        if (d.characteristic("caseExact").equals("true")) {
            assertThat(found).as("%s is caseExact: %s", d, filter).doesNotContain(id);
        } else {
            assertThat(found).as("%s is not caseExact: %s", d, filter).contains(id);
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private static boolean isMembers(Declared d) {
        return d.resource().equals("Groups")
                && (d.name().equals("members")
                        || (d.parent() != null
                                && d.parent().path("name").asText().equals("members")));
    }

    /** A value for the attribute: for a sub-attribute, the value of its parent holding only that sub-attribute. */
    private static JsonNode sample(Declared d, String label) {
        JsonNode leaf = leafSample(d.attribute(), label);
        if (d.parent() == null) {
            return d.attribute().path("multiValued").asBoolean() && !leaf.isArray()
                    ? JSON.arrayNode().add(leaf)
                    : leaf;
        }
        ObjectNode element = JSON.objectNode().set(d.name(), leaf);
        return d.multiValuedParent() ? JSON.arrayNode().add(element) : element;
    }

    private static JsonNode leafSample(JsonNode attribute, String label) {
        String unique = label + "-" + Bodies.unique();
        return switch (attribute.path("type").asText()) {
            case "boolean" -> JSON.booleanNode(!label.equals("Second"));
            case "dateTime" -> JSON.textNode("2026-01-02T03:04:05Z");
            case "reference" -> JSON.textNode("https://example.com/" + unique);
            case "complex" -> {
                ObjectNode o = JSON.objectNode();
                for (JsonNode sub : attribute.path("subAttributes")) {
                    if (sub.path("mutability").asText().equals("readWrite")
                            && sub.path("type").asText().equals("string")) {
                        o.put(sub.path("name").asText(), unique);
                    }
                }
                yield attribute.path("multiValued").asBoolean()
                        ? JSON.arrayNode().add(o)
                        : o;
            }
            default ->
                JSON.textNode(attribute.path("name").asText().equals("userName") ? unique + "@Example.com" : unique);
        };
    }

    private static String leafText(JsonNode value) {
        JsonNode v = value;
        while (v.isContainerNode()) {
            v = v.isArray() ? v.get(0) : v.elements().next();
        }
        return v.asText();
    }

    private static JsonNode swapCase(JsonNode value) {
        if (value.isTextual()) {
            return JSON.textNode(value.asText().toUpperCase(Locale.ROOT));
        }
        return value;
    }

    private String create(Declared d, JsonNode value) {
        ObjectNode body = base(d, "probe");
        if (value != null) {
            put(body, d, value);
        }
        return scim.post("/" + d.resource(), body).expectStatus(201).id();
    }

    private static ObjectNode base(Declared d, String label) {
        ObjectNode body = JSON.objectNode();
        if (d.resource().equals("Users")) {
            body.putArray("schemas").add(Bodies.USER_URN).add(ENT);
            body.put("userName", Bodies.uniqueUserName("Probe." + label));
        } else {
            body.putArray("schemas").add(Bodies.GROUP_URN);
            body.put("displayName", "Probe " + label + " " + Bodies.unique());
        }
        return body;
    }

    /** Puts {@code value} (the whole top-level value, see {@link #sample}) where the attribute lives. */
    private static void put(ObjectNode body, Declared d, JsonNode value) {
        String top = d.parent() == null ? d.name() : d.parent().path("name").asText();
        ObjectNode container = d.schemaUrn().equals(ENT) ? body.putObject(ENT) : body;
        if (top.equals("manager") && value.isObject() && !value.has("value")) {
            // A manager without value is no manager (docs/idp-quirks.md §I9): probe its other sub-attributes beside
            // one.
            value = ((ObjectNode) value.deepCopy()).put("value", "manager-" + Bodies.unique());
        }
        container.set(top, value);
    }

    private JsonNode get(Declared d, String id) {
        return scim.get("/" + d.resource() + "/" + id).expectStatus(200).json();
    }

    /** The attribute's value in a resource, in the shape {@link #sample} builds (sub-attributes alone). */
    private static JsonNode valueOf(JsonNode resource, Declared d) {
        JsonNode container = d.schemaUrn().equals(ENT) ? resource.path(ENT) : resource;
        JsonNode top = container.path(
                d.parent() == null ? d.name() : d.parent().path("name").asText());
        if (d.parent() == null || top.isMissingNode()) {
            return top;
        }
        if (d.multiValuedParent()) {
            ArrayNode out = JSON.arrayNode();
            top.forEach(e -> out.add(JSON.objectNode().set(d.name(), e.path(d.name()))));
            return out;
        }
        return JSON.objectNode().set(d.name(), top.path(d.name()));
    }

    private static boolean has(JsonNode resource, String topPath) {
        if (topPath.startsWith(ENT + ":")) {
            return resource.path(ENT).has(topPath.substring(ENT.length() + 1));
        }
        return resource.has(topPath);
    }

    private static String replace(String path, JsonNode value) {
        ObjectNode op = JSON.objectNode().put("op", "replace").put("path", path);
        op.set(
                "value",
                value.isArray() || !value.isObject()
                        ? unwrapForPath(path, value)
                        : value.elements().next());
        return op.toString();
    }

    /** A PATCH with path {@code a.b} takes b's value, not the {a:{b:…}} shape {@link #sample} builds. */
    private static JsonNode unwrapForPath(String path, JsonNode value) {
        if (path.contains(".")
                && !path.contains("[")
                && value.isArray()
                && value.size() == 1
                && value.get(0).isObject()
                && value.get(0).size() == 1) {
            return value.get(0).elements().next();
        }
        return value;
    }
}
