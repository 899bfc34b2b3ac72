package dev.kiroscim.core.directory.query;

/** Sort order of a search; results are always tie-broken by id so that pages are stable. */
public record SortKey(Field field, boolean descending) {}
