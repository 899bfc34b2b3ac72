package dev.kiroscim.server.scim.limits;

import dev.kiroscim.server.scim.error.ScimException;
import dev.kiroscim.server.scim.error.ScimType;
import dev.kiroscim.server.scim.schema.AttributeDef;
import dev.kiroscim.server.scim.schema.AttributeType;
import dev.kiroscim.server.scim.schema.ScimSchemas;
import java.util.List;
import java.util.Locale;

/**
 * The largest input the server accepts, checked where a request is read so that nothing oversized ever reaches
 * the database (where it would be a 500: H2 "value too long", PostgreSQL "value too long for type").
 *
 * <p>String limits come from the columns that store them ({@link #COLUMNS}); {@code InputLimitsMatchSchemaTest}
 * reads the Flyway migrations and fails when a column and its limit disagree, so the two cannot drift. A value is
 * measured in UTF-16 units, which is never less than the character count either database uses, and so is its
 * lower-cased form (the {@code *_ci} columns): {@code "İ"} lower-cases to two units.
 *
 * <table>
 *   <tr><th>input</th><th>limit</th><th>why</th></tr>
 *   <tr><td>userName</td><td>512</td><td>{@code scim_user.user_name}, {@code user_name_ci}</td></tr>
 *   <tr><td>externalId</td><td>512</td><td>{@code scim_user.external_id}, {@code scim_group.external_id}</td></tr>
 *   <tr><td>displayName</td><td>1024</td><td>{@code scim_user.display_name}, {@code scim_group.display_name}</td></tr>
 *   <tr><td>any other string</td><td>1024</td><td>{@code scim_user_attr.val}: every other user value is indexed</td></tr>
 *   <tr><td>binary (x509Certificates.value)</td><td>16384</td><td>not indexed; a base64 certificate chain</td></tr>
 *   <tr><td>stored document</td><td>200,000</td><td>{@code audit_event.details} (1,000,000) holds before and after
 *       of a change, each at most twice as long when canonicalised: 1,000,000 / 5</td></tr>
 * </table>
 */
public final class InputLimits {

    /** A column that stores client input, and the longest value it holds. */
    public record ColumnLimit(String table, String column, int maxLength) {}

    public static final ColumnLimit USER_NAME = new ColumnLimit("scim_user", "user_name", 512);
    public static final ColumnLimit USER_NAME_CI = new ColumnLimit("scim_user", "user_name_ci", 512);
    public static final ColumnLimit USER_EXTERNAL_ID = new ColumnLimit("scim_user", "external_id", 512);
    public static final ColumnLimit USER_DISPLAY_NAME = new ColumnLimit("scim_user", "display_name", 1024);
    public static final ColumnLimit USER_DISPLAY_NAME_CI = new ColumnLimit("scim_user", "display_name_ci", 1024);
    public static final ColumnLimit GROUP_EXTERNAL_ID = new ColumnLimit("scim_group", "external_id", 512);
    public static final ColumnLimit GROUP_DISPLAY_NAME = new ColumnLimit("scim_group", "display_name", 1024);
    public static final ColumnLimit GROUP_DISPLAY_NAME_CI = new ColumnLimit("scim_group", "display_name_ci", 1024);
    public static final ColumnLimit INDEXED_VALUE = new ColumnLimit("scim_user_attr", "val", 1024);
    public static final ColumnLimit INDEXED_VALUE_CI = new ColumnLimit("scim_user_attr", "val_ci", 1024);
    public static final ColumnLimit RESOURCE_ID = new ColumnLimit("scim_user", "id", 64);
    public static final ColumnLimit USER_DOCUMENT = new ColumnLimit("scim_user", "document", 1_000_000);
    public static final ColumnLimit GROUP_DOCUMENT = new ColumnLimit("scim_group", "document", 1_000_000);
    public static final ColumnLimit AUDIT_DETAILS = new ColumnLimit("audit_event", "details", 1_000_000);

    /** Every column above: the schema test checks each against the migrations. */
    public static final List<ColumnLimit> COLUMNS = List.of(
            USER_NAME,
            USER_NAME_CI,
            USER_EXTERNAL_ID,
            USER_DISPLAY_NAME,
            USER_DISPLAY_NAME_CI,
            GROUP_EXTERNAL_ID,
            GROUP_DISPLAY_NAME,
            GROUP_DISPLAY_NAME_CI,
            INDEXED_VALUE,
            INDEXED_VALUE_CI,
            RESOURCE_ID,
            USER_DOCUMENT,
            GROUP_DOCUMENT,
            AUDIT_DETAILS);

    /** Binary values (base64) are kept in the document only, not indexed. */
    public static final int MAX_BINARY_LENGTH = 16_384;

    /**
     * The longest stored document (canonical JSON, in characters). An update's audit event holds the changed
     * attributes before and after, each at most twice as long in canonical JSON (tab/CR/LF escapes), plus keys.
     */
    public static final int MAX_DOCUMENT_LENGTH = AUDIT_DETAILS.maxLength() / 5;

    /** Elements of one multi-valued attribute (emails, phoneNumbers, addresses, roles, …). */
    public static final int MAX_VALUES_PER_ATTRIBUTE = 100;

    /** Member ids in one request: a Group POST/PUT body, or all member operations of one PATCH together. */
    public static final int MAX_MEMBERS_PER_REQUEST = 10_000;

    /** Entries of a PATCH request's {@code Operations}. */
    public static final int MAX_PATCH_OPERATIONS = 1_000;

    private InputLimits() {}

    /** The longest value of a string-like attribute (string, reference, binary), by the column that stores it. */
    public static int maxLength(AttributeDef attribute) {
        if (attribute.type() == AttributeType.BINARY) {
            return MAX_BINARY_LENGTH;
        }
        boolean core = attribute.schemaUrn().equals(ScimSchemas.USER_URN)
                || attribute.schemaUrn().equals(ScimSchemas.GROUP_URN);
        if (core && attribute.name().equals("userName")) {
            return USER_NAME.maxLength();
        }
        if (core && attribute.name().equals("externalId")) {
            return Math.min(USER_EXTERNAL_ID.maxLength(), GROUP_EXTERNAL_ID.maxLength());
        }
        if (core && attribute.name().equals("displayName")) {
            return Math.min(USER_DISPLAY_NAME.maxLength(), GROUP_DISPLAY_NAME.maxLength());
        }
        return INDEXED_VALUE.maxLength();
    }

    /**
     * 400 invalidValue when {@code text} (or its lower-cased form, which the case-insensitive columns store) is
     * longer than the attribute's limit.
     *
     * @param where the attribute's path for the message, e.g. {@code emails.value}
     */
    public static void requireLength(AttributeDef attribute, String text, String where) {
        int max = maxLength(attribute);
        if (text.length() > max || text.toLowerCase(Locale.ROOT).length() > max) {
            throw new ScimException(
                    400,
                    ScimType.INVALID_VALUE,
                    where + " is " + text.length() + " characters long; at most " + max + " are accepted");
        }
    }

    /** 400 invalidValue when a multi-valued attribute has more than {@link #MAX_VALUES_PER_ATTRIBUTE} elements. */
    public static void requireValueCount(int count, String where) {
        if (count > MAX_VALUES_PER_ATTRIBUTE) {
            throw new ScimException(
                    400,
                    ScimType.INVALID_VALUE,
                    where + " has " + count + " values; at most " + MAX_VALUES_PER_ATTRIBUTE + " are accepted");
        }
    }

    /** 400 invalidValue when one request names more than {@link #MAX_MEMBERS_PER_REQUEST} members. */
    public static void requireMemberCount(int count) {
        if (count > MAX_MEMBERS_PER_REQUEST) {
            throw new ScimException(
                    400,
                    ScimType.INVALID_VALUE,
                    "members: " + count + " member ids in one request; at most " + MAX_MEMBERS_PER_REQUEST
                            + " are accepted (send the rest in further PATCH requests)");
        }
    }

    /** 400 invalidValue when a resource's stored form would exceed {@link #MAX_DOCUMENT_LENGTH}. */
    public static void requireDocumentLength(int length) {
        if (length > MAX_DOCUMENT_LENGTH) {
            throw new ScimException(
                    400,
                    ScimType.INVALID_VALUE,
                    "the resource would be " + length + " characters of JSON; at most " + MAX_DOCUMENT_LENGTH
                            + " are accepted");
        }
    }
}
