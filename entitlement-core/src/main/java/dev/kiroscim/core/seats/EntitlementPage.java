package dev.kiroscim.core.seats;

import java.util.List;
import java.util.Optional;

/**
 * One page of {@code GET /admin/v1/entitlements}. {@code next} is the cursor of the following page (the last user
 * id looked at), empty on the last page. A page may hold fewer than {@code limit} items while {@code next} is set:
 * each request looks at a bounded number of users, so sparse filters page through the rest.
 */
public record EntitlementPage(List<UserEntitlement> items, Optional<String> next) {
    public EntitlementPage {
        items = List.copyOf(items);
    }
}
