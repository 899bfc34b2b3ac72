package dev.kiroscim.core.directory;

/** A group a user belongs to, as shown in the user's derived {@code groups} attribute. */
public record GroupRef(String groupId, String displayName) {}
