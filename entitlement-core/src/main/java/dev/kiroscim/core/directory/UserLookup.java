package dev.kiroscim.core.directory;

import dev.kiroscim.core.directory.query.Criteria;
import dev.kiroscim.core.directory.query.Field;
import dev.kiroscim.core.directory.query.Operator;
import dev.kiroscim.core.directory.query.PageRequest;
import dev.kiroscim.core.directory.query.ResourceColumn;
import dev.kiroscim.core.directory.query.ValueKind;
import java.util.Locale;
import java.util.Optional;

/** Finds a user as the admin API's {@code /users/{user}/…} paths name them: by SCIM id, else by userName (any case). */
public final class UserLookup {

    private static final Field USER_NAME = new Field.Column(ResourceColumn.USER_NAME, ValueKind.STRING, false);

    private UserLookup() {}

    public static Optional<UserRecord> byIdOrUserName(UserStore users, String userNameOrId) {
        Optional<UserRecord> byId = users.find(userNameOrId);
        if (byId.isPresent()) {
            return byId;
        }
        return users
                .search(
                        new Criteria.Compare(USER_NAME, Operator.EQ, userNameOrId.toLowerCase(Locale.ROOT)),
                        null,
                        new PageRequest(0, 1))
                .items()
                .stream()
                .findFirst();
    }
}
