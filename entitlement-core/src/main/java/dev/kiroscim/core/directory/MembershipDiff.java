package dev.kiroscim.core.directory;

import java.util.List;

/** What a full member-list replacement changed. */
public record MembershipDiff(List<String> added, List<String> removed) {
    public MembershipDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
    }
}
