package dev.kiroscim.core.directory;

import java.util.List;

/**
 * A user as read for {@code GET /Users/{id}}: the record and its groups for the derived {@code groups} attribute.
 *
 * @param groups the user's groups ordered by display name, or null when they were not asked for
 */
public record UserWithGroups(UserRecord user, List<GroupRef> groups) {}
