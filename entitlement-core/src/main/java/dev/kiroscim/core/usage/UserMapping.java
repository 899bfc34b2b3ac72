package dev.kiroscim.core.usage;

import dev.kiroscim.core.sync.state.IdentityCenterLink;
import dev.kiroscim.core.transaction.Transactions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The report's {@code UserId} is the Identity Store user id; our Identity Center link ({@link IdentityCenterLink}, the user we
 * created or adopted) maps it back to the SCIM user. Users the bridge does not manage (created by hand, another IdP,
 * Builder ID) have no link and stay unknown: counted and listed, never guessed by email.
 */
public record UserMapping(Map<String, String> scimUserByKiroId, Map<String, String> kiroIdByScimUser) {

    public static UserMapping load(Transactions transactions) {
        Map<String, String> byKiro = new HashMap<>();
        Map<String, String> byScim = new HashMap<>();
        transactions.read(tx -> {
            for (IdentityCenterLink link : tx.identityCenterLinks().all()) {
                if (link.identityCenterUserId() != null) {
                    byKiro.put(link.identityCenterUserId(), link.scimUserId());
                    byScim.put(link.scimUserId(), link.identityCenterUserId());
                }
            }
            return null;
        });
        return new UserMapping(Map.copyOf(byKiro), Map.copyOf(byScim));
    }

    public Optional<String> scimUser(String kiroUserId) {
        return Optional.ofNullable(scimUserByKiroId.get(kiroUserId));
    }

    public Optional<String> kiroUser(String scimUserId) {
        return Optional.ofNullable(kiroIdByScimUser.get(scimUserId));
    }
}
