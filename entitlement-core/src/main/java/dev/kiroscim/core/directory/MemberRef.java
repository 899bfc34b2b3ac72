package dev.kiroscim.core.directory;

/** A member of a group with the names used for its {@code display}. */
public record MemberRef(String userId, String userName, String displayName) {}
