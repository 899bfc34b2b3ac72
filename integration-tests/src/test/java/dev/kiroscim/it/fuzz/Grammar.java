package dev.kiroscim.it.fuzz;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Random filters (RFC 7644 §3.4.2.2) and PATCH paths (§3.5.2), as random trees over real and unreal attribute
 * names, operators in any case and literals of every type, or as random bytes.
 */
final class Grammar {

    static final List<String> PATHS = List.of(
            "userName",
            "USERNAME",
            "name.givenName",
            "name.familyName",
            "emails",
            "emails.value",
            "emails.type",
            "emails.primary",
            "groups",
            "groups.value",
            "groups.display",
            "groups.type",
            "groups.$ref",
            "members",
            "members.value",
            "members.display",
            "members.type",
            "meta.created",
            "meta.lastModified",
            "meta.resourceType",
            "meta.location",
            "meta.version",
            "id",
            "externalId",
            "displayName",
            "active",
            "title",
            "userType",
            "addresses.formatted",
            "addresses.streetAddress",
            "phoneNumbers.value",
            "x509Certificates.value",
            "ims.value",
            "roles.value",
            "entitlements.primary",
            "password",
            "schemas",
            "nickName",
            "profileUrl",
            "timezone",
            "locale",
            Shapes.ENT + ":employeeNumber",
            Shapes.ENT + ":manager.value",
            Shapes.ENT + ":manager",
            Shapes.ENT + ":manager.displayName",
            Shapes.USER + ":userName",
            Shapes.GROUP + ":displayName",
            "urn:ietf:params:scim:schemas:extension:unknown:2.0:User:x",
            "unknownAttr",
            "$ref",
            "name",
            "a.b.c",
            "9lives",
            "emails[type eq \"work\"]",
            "",
            ".",
            "name.",
            "üser");
    static final List<String> MULTI = List.of(
            "emails",
            "phoneNumbers",
            "addresses",
            "groups",
            "members",
            "roles",
            "x509Certificates",
            "ims",
            "photos",
            "entitlements",
            "name",
            "userName",
            Shapes.ENT + ":manager");
    static final List<String> SUBS =
            List.of("value", "type", "primary", "display", "$ref", "formatted", "givenName", "nope");
    static final List<String> OPS =
            List.of("eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le", "EQ", "Co", "pr", "xx", "==");

    private Grammar() {}

    static String filter(SplittableRandom random) {
        return random.nextInt(8) == 0
                ? Strings.randomBytesAsText(random, 1 + random.nextInt(60))
                : expression(random, 0);
    }

    private static String expression(SplittableRandom random, int depth) {
        int choice = depth > 3 ? 0 : random.nextInt(7);
        return switch (choice) {
            case 1 ->
                expression(random, depth + 1)
                        + pick(random, List.of(" and ", " or ", " AND ", " Or ", "  and  ", " and"))
                        + expression(random, depth + 1);
            case 2 -> pick(random, List.of("not (", "NOT(", "not ", "not((")) + expression(random, depth + 1) + ")";
            case 3 -> "(" + expression(random, depth + 1) + pick(random, List.of(")", "", "))"));
            case 4 ->
                pick(random, MULTI) + "[" + expression(random, depth + 1)
                        + pick(random, List.of("]", "", "]]", "].value", "].display"));
            default -> comparison(random);
        };
    }

    private static String comparison(SplittableRandom random) {
        String path = pick(random, PATHS);
        String op = pick(random, OPS);
        if (op.equalsIgnoreCase("pr")) {
            return path + " pr";
        }
        return path + " " + op + " " + literal(random);
    }

    static String literal(SplittableRandom random) {
        return switch (random.nextInt(9)) {
            case 0 -> "true";
            case 1 -> "null";
            case 2 -> pick(random, Strings.NUMBERS);
            case 3 ->
                "\""
                        + pick(
                                random,
                                List.of(
                                        "2026-01-01T00:00:00Z",
                                        "2011-05-13T04:42:34+02:00",
                                        "not-a-date",
                                        "9999-12-31T23:59:59.999999999Z",
                                        "-999999999-01-01T00:00:00Z"))
                        + "\"";
            case 4 ->
                pick(
                        random,
                        List.of(
                                "unquoted",
                                "a\"b",
                                "\"unterminated",
                                "\"\\x\"",
                                "\"\\u12\"",
                                "\"\\ud800\"",
                                "\"\\u0000\"",
                                "\"a\\\\\\\"b\"",
                                "\"%\"",
                                "\"_\"",
                                "\"\\\\\""));
            default -> "\"" + Strings.jsonEscapeForFilter(Strings.text(random)) + "\"";
        };
    }

    /** A PATCH {@code path}: mostly well-formed, sometimes random bytes. */
    static String patchPath(SplittableRandom random) {
        return switch (random.nextInt(8)) {
            case 0 -> Strings.randomBytesAsText(random, 1 + random.nextInt(40));
            case 1 -> pick(random, MULTI) + "[" + expression(random, 2) + "]";
            case 2 -> pick(random, MULTI) + "[" + expression(random, 3) + "]." + pick(random, SUBS);
            case 3 ->
                pick(
                        random,
                        List.of(Shapes.ENT, Shapes.ENT.toLowerCase(), Shapes.USER, Shapes.GROUP, Shapes.ENT + ":"));
            case 4 -> pick(random, MULTI) + "." + pick(random, SUBS);
            default -> pick(random, PATHS);
        };
    }

    static <T> T pick(SplittableRandom random, List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}
