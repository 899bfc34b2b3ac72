package dev.kiroscim.core.people;

/** One row of a people search: enough to recognise the person and open their page. {@code email} may be null. */
public record Person(String id, String userName, String displayName, String email, boolean active) {}
