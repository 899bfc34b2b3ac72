package dev.kiroscim.server.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Parses the time arguments of audit queries and reports: {@code 2026-10-01T00:00:00Z} or a UTC date {@code 2026-10-01}. */
public final class TimeArguments {

    private TimeArguments() {}

    /** @return null for a null or blank value; @throws IllegalArgumentException naming the parameter */
    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(value.trim())
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException(
                        name + " must be an instant like 2026-10-01T00:00:00Z or a date like 2026-10-01, not '" + value
                                + "'");
            }
        }
    }

    public static Instant requiredInstant(String name, String value) {
        Instant i = instant(name, value);
        if (i == null) {
            throw new IllegalArgumentException(name + " is required, e.g. " + name + "=2026-10-01T00:00:00Z");
        }
        return i;
    }

    public static YearMonth month(String value) {
        try {
            return YearMonth.parse(value == null ? "" : value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("month is required, like month=2026-10, not '" + value + "'");
        }
    }
}
