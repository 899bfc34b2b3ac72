package dev.kiroscim.core.directory;

/**
 * One searchable value of a user attribute that has no column of its own, e.g. ({@code emails.value}, 0,
 * {@code "ann@example.com"}) and ({@code emails.type}, 0, {@code "work"}). {@code element} ties the
 * sub-attributes of one multi-valued element together, so that {@code emails[type eq "work" and value co "x"]}
 * matches only when both hold for the same email. A path without sub-attribute and with element -1 marks that the
 * element exists (used by value-path filters).
 *
 * @param path    canonical lower-case attribute path
 * @param element index of the element in a multi-valued attribute, 0 for single-valued ones
 * @param value   the value as text: strings as-is, booleans {@code true}/{@code false}, instants ISO-8601 UTC
 *                with milliseconds (so that text order is time order)
 */
public record IndexedValue(String path, int element, String value) {}
