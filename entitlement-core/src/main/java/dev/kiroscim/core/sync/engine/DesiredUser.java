package dev.kiroscim.core.sync.engine;

import dev.kiroscim.core.directory.UserRecord;
import dev.kiroscim.core.policy.Policy;
import dev.kiroscim.core.policy.Tier;
import dev.kiroscim.core.seats.Seat;
import dev.kiroscim.core.sync.IdentityCenterUserProfile;
import java.util.Objects;
import java.util.Optional;

/**
 * What Identity Center should hold for one SCIM user.
 *
 * <ul>
 *   <li>{@link Presence#ACTIVE} with a seat: the user exists with {@code profile} and is a member of exactly
 *       {@code tierGroup} among the tier groups.</li>
 *   <li>{@link Presence#ACTIVE} without a seat: no tier group; an Identity Store user we already manage keeps its
 *       profile up to date, but none is created for a user without a seat.</li>
 *   <li>{@link Presence#INACTIVE}: no tier group, at once; then {@link Offboarding} decides about the user.</li>
 *   <li>{@link Presence#DELETED}: no tier group, and the Identity Store user we created is deleted.</li>
 * </ul>
 *
 * @param scimUserId the SCIM user id
 * @param presence   see above
 * @param profile    the profile to hold; {@code null} when deleted
 * @param tier       the seat's tier name, if the user holds a seat and is active
 * @param tierGroup  that tier's {@code identityCenterGroup}
 */
public record DesiredUser(
        String scimUserId,
        Presence presence,
        IdentityCenterUserProfile profile,
        Optional<String> tier,
        Optional<String> tierGroup) {

    public enum Presence {
        ACTIVE,
        INACTIVE,
        DELETED
    }

    public DesiredUser {
        Objects.requireNonNull(scimUserId, "scimUserId");
        Objects.requireNonNull(presence, "presence");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(tierGroup, "tierGroup");
        if (presence != Presence.DELETED) {
            Objects.requireNonNull(profile, "profile");
        }
    }

    /**
     * Derives the desired state from the directory and the seat ledger. A seat whose tier is not in the policy
     * (mid-reload) gives no tier group rather than a guess.
     */
    public static DesiredUser of(String scimUserId, Optional<UserRecord> user, Optional<Seat> seat, Policy policy) {
        if (user.isEmpty()) {
            return new DesiredUser(scimUserId, Presence.DELETED, null, Optional.empty(), Optional.empty());
        }
        IdentityCenterUserProfile profile = ScimProfiles.of(user.get());
        if (!user.get().active()) {
            return new DesiredUser(scimUserId, Presence.INACTIVE, profile, Optional.empty(), Optional.empty());
        }
        Optional<Tier> tier = seat.flatMap(s -> policy.tier(s.tier()));
        return new DesiredUser(
                scimUserId, Presence.ACTIVE, profile, tier.map(Tier::name), tier.map(Tier::identityCenterGroup));
    }
}
