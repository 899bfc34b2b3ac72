package dev.kiroscim.core.directory.query;

/** The columns every stored resource row has. Which exist for which resource type is up to the adapter. */
public enum ResourceColumn {
    ID,
    USER_NAME,
    EXTERNAL_ID,
    DISPLAY_NAME,
    ACTIVE,
    CREATED,
    LAST_MODIFIED
}
