package dev.kiroscim.server.scim.quirks;

import java.util.List;

/**
 * Every deviation from RFC 7643/7644 the server accepts, in one place.
 *
 * <p>The document reader and the PATCH engine call the rules only through these constants, so
 * {@link #all()} is the complete list of client leniencies: docs and a test enumerate it, and a new quirk that is
 * not registered here cannot be used.
 */
public final class IdpQuirks {

    public static final CaseInsensitivePatchOps CASE_INSENSITIVE_PATCH_OPS = new CaseInsensitivePatchOps();
    public static final StringBooleans STRING_BOOLEANS = new StringBooleans();
    public static final NullMeansAbsent NULL_MEANS_ABSENT = new NullMeansAbsent();
    public static final EmptyStringMeansAbsent EMPTY_STRING_MEANS_ABSENT = new EmptyStringMeansAbsent();
    public static final ManagerShapes MANAGER_SHAPES = new ManagerShapes();
    public static final SingleObjectForMultiValued SINGLE_OBJECT_FOR_MULTI_VALUED = new SingleObjectForMultiValued();
    public static final MemberDisplayAndRefIgnored MEMBER_DISPLAY_AND_REF_IGNORED = new MemberDisplayAndRefIgnored();
    public static final EntraMemberRemoveByValueList ENTRA_MEMBER_REMOVE_BY_VALUE_LIST =
            new EntraMemberRemoveByValueList(MEMBER_DISPLAY_AND_REF_IGNORED);
    public static final ReadOnlyAndUnknownInputIgnored READ_ONLY_AND_UNKNOWN_INPUT_IGNORED = new ReadOnlyAndUnknownInputIgnored();
    public static final PasswordAcceptedNotStored PASSWORD_ACCEPTED_NOT_STORED = new PasswordAcceptedNotStored();
    public static final ReadOnlyKeysInPathlessValue READ_ONLY_KEYS_IN_PATHLESS_VALUE = new ReadOnlyKeysInPathlessValue();
    public static final PathlessDottedKeys PATHLESS_DOTTED_KEYS = new PathlessDottedKeys();
    public static final AddOnSingleValuedMeansReplace ADD_ON_SINGLE_VALUED_MEANS_REPLACE = new AddOnSingleValuedMeansReplace();
    public static final ValueFilterCreatesMissingElement VALUE_FILTER_CREATES_MISSING_ELEMENT = new ValueFilterCreatesMissingElement();

    private static final List<IdpQuirk> ALL = List.of(
            CASE_INSENSITIVE_PATCH_OPS, STRING_BOOLEANS, NULL_MEANS_ABSENT, EMPTY_STRING_MEANS_ABSENT, MANAGER_SHAPES,
            SINGLE_OBJECT_FOR_MULTI_VALUED, MEMBER_DISPLAY_AND_REF_IGNORED, ENTRA_MEMBER_REMOVE_BY_VALUE_LIST,
            READ_ONLY_AND_UNKNOWN_INPUT_IGNORED, PASSWORD_ACCEPTED_NOT_STORED, READ_ONLY_KEYS_IN_PATHLESS_VALUE,
            PATHLESS_DOTTED_KEYS, ADD_ON_SINGLE_VALUED_MEANS_REPLACE, VALUE_FILTER_CREATES_MISSING_ELEMENT);

    private IdpQuirks() {
    }

    /** Every registered quirk, in a stable order. */
    public static List<IdpQuirk> all() {
        return ALL;
    }
}
