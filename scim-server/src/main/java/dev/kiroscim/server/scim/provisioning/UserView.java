package dev.kiroscim.server.scim.provisioning;

import dev.kiroscim.core.directory.GroupRef;
import dev.kiroscim.core.directory.UserRecord;
import java.util.List;

/** A user and, when requested, its groups. */
public record UserView(UserRecord user, List<GroupRef> groups) {}
