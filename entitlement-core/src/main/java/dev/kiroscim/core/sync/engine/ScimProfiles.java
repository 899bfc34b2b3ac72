package dev.kiroscim.core.sync.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiroscim.core.directory.UserRecord;
import dev.kiroscim.core.sync.IdentityCenterUserProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * The Identity Store profile of a SCIM user: userName and displayName from the record, {@code name.givenName},
 * {@code name.familyName} and one email from the SCIM document.
 *
 * <p>The email is the one marked {@code primary: true}, else the first. Example, an Okta user
 * {@code {"name":{"givenName":"Barbara","familyName":"Jensen"},"emails":[{"value":"b@x.com","primary":true}]}}
 * becomes {@code IdentityCenterUserProfile("bjensen@x.com", "Barbara Jensen", "Barbara", "Jensen", "b@x.com")}; an Entra
 * service account without {@code name} gets the {@link IdentityCenterUserProfile#NAME_PLACEHOLDER} for both names.
 * Attribute names are matched case-insensitively (RFC 7643 §2.1).
 */
public final class ScimProfiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScimProfiles() {}

    public static IdentityCenterUserProfile of(UserRecord user) {
        JsonNode doc;
        try {
            doc = user.document() == null ? JSON.createObjectNode() : JSON.readTree(user.document());
        } catch (IOException e) {
            throw new UncheckedIOException("user " + user.id() + " has an unreadable document", e);
        }
        JsonNode name = field(doc, "name");
        String given = text(field(name, "givenName"));
        String family = text(field(name, "familyName"));
        String displayName = user.displayName() != null ? user.displayName() : text(field(doc, "displayName"));
        if (displayName == null && (given != null || family != null)) {
            displayName = text(field(name, "formatted"));
        }
        return new IdentityCenterUserProfile(
                user.userName(), displayName, given, family, primaryEmail(field(doc, "emails")));
    }

    private static String primaryEmail(JsonNode emails) {
        if (emails == null || !emails.isArray() || emails.isEmpty()) {
            return null;
        }
        for (JsonNode e : emails) {
            if (field(e, "primary") != null && field(e, "primary").asBoolean(false)) {
                return text(field(e, "value"));
            }
        }
        return text(field(emails.get(0), "value"));
    }

    private static JsonNode field(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || !node.isValueNode() ? null : node.asText();
    }
}
