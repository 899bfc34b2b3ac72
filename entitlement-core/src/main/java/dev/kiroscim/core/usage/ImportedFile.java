package dev.kiroscim.core.usage;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A report file already imported: importing it again with the same fingerprint changes nothing; a new fingerprint
 * (Kiro re-delivered the file) replaces its rows.
 */
public record ImportedFile(String key, String fingerprint, LocalDate day, Instant importedAt, int rows, int rejected) {}
