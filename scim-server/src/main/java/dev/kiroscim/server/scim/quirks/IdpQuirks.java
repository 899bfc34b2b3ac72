package dev.kiroscim.server.scim.quirks;

import java.util.List;

/**
 * Every deviation from RFC 7643/7644 the server accepts, in one place.
 *
 * <p>{@link IdpRequestNormalizer} applies these constants to each request, and {@link #VALUE_FILTER_CREATES_MISSING_ELEMENT}
 * is handed to the PATCH engine as its {@link dev.kiroscim.server.scim.patch.UnmatchedValueFilter}; nothing else
 * calls them. So {@link #all()} is the complete list of client leniencies: docs and a test enumerate it, and a new
 * quirk that is not registered here cannot be used.
 *
 * <p>What the RFCs themselves allow and IdPs rely on ({@code null} as unassigned, {@code add} on a single-valued
 * attribute replacing it, a {@code password} accepted and not stored) is engine behaviour, not a quirk; see
 * docs/idp-quirks.md.
 */
public final class IdpQuirks {

    public static final CaseInsensitivePatchOps CASE_INSENSITIVE_PATCH_OPS = new CaseInsensitivePatchOps();
    public static final StringBooleans STRING_BOOLEANS = new StringBooleans();
    public static final EmptyStringMeansAbsent EMPTY_STRING_MEANS_ABSENT = new EmptyStringMeansAbsent();
    public static final ManagerShapes MANAGER_SHAPES = new ManagerShapes();
    public static final SingleObjectForMultiValued SINGLE_OBJECT_FOR_MULTI_VALUED = new SingleObjectForMultiValued();
    public static final MemberDisplayAndRefIgnored MEMBER_DISPLAY_AND_REF_IGNORED = new MemberDisplayAndRefIgnored();
    public static final EntraMemberRemoveByValueList ENTRA_MEMBER_REMOVE_BY_VALUE_LIST =
            new EntraMemberRemoveByValueList();
    public static final RemoveValueListOnMultiValued REMOVE_VALUE_LIST_ON_MULTI_VALUED =
            new RemoveValueListOnMultiValued();
    public static final ReadOnlyAndUnknownInputIgnored READ_ONLY_AND_UNKNOWN_INPUT_IGNORED =
            new ReadOnlyAndUnknownInputIgnored();
    public static final ReadOnlyKeysInPathlessValue READ_ONLY_KEYS_IN_PATHLESS_VALUE =
            new ReadOnlyKeysInPathlessValue();
    public static final PathlessDottedKeys PATHLESS_DOTTED_KEYS = new PathlessDottedKeys();
    public static final ValueFilterCreatesMissingElement VALUE_FILTER_CREATES_MISSING_ELEMENT =
            new ValueFilterCreatesMissingElement();

    private static final List<IdpQuirk> ALL = List.of(
            CASE_INSENSITIVE_PATCH_OPS,
            STRING_BOOLEANS,
            EMPTY_STRING_MEANS_ABSENT,
            MANAGER_SHAPES,
            SINGLE_OBJECT_FOR_MULTI_VALUED,
            MEMBER_DISPLAY_AND_REF_IGNORED,
            ENTRA_MEMBER_REMOVE_BY_VALUE_LIST,
            REMOVE_VALUE_LIST_ON_MULTI_VALUED,
            READ_ONLY_AND_UNKNOWN_INPUT_IGNORED,
            READ_ONLY_KEYS_IN_PATHLESS_VALUE,
            PATHLESS_DOTTED_KEYS,
            VALUE_FILTER_CREATES_MISSING_ELEMENT);

    private IdpQuirks() {}

    /** Every registered quirk, in a stable order. */
    public static List<IdpQuirk> all() {
        return ALL;
    }
}
