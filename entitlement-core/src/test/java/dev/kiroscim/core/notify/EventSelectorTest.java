package dev.kiroscim.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventSelectorTest {

    @Test
    void selectsExactTypesAndDottedPrefixes() {
        EventSelector s = new EventSelector(List.of("seat.", "pool.nearlyFull", "budget.exhausted"));
        assertThat(s.selects("seat.waitlisted")).isTrue();
        assertThat(s.selects("seat.reclaimed")).isTrue();
        assertThat(s.selects("pool.nearlyFull")).isTrue();
        assertThat(s.selects("budget.exhausted")).isTrue();
        assertThat(s.selects("scim.user.created")).isFalse();
        assertThat(s.selects("token.expiringSoon")).isFalse();
    }

    @Test
    void refusesPatternsThatNameNoEventSoATypoIsNotSilent() {
        assertThatThrownBy(() -> new EventSelector(List.of("seat.waitlistd")))
                .hasMessageContaining("'seat.waitlistd' names no event type");
        assertThatThrownBy(() -> new EventSelector(List.of("sea."))).hasMessageContaining("names no event type");
        assertThatThrownBy(() -> new EventSelector(List.of("seat")))
                .as("a prefix ends with a dot")
                .hasMessageContaining("names no event type");
        assertThatThrownBy(() -> new EventSelector(List.of())).hasMessageContaining("at least one");
    }

    @Test
    void theCatalogueHoldsTheDerivedEventsAndTheBudgetEvent() {
        assertThat(EventSelector.subscribableTypes())
                .contains(
                        "pool.nearlyFull",
                        "grant.expiringSoon",
                        "token.expiringSoon",
                        "sync.deadLettered",
                        "budget.exhausted",
                        "seat.waitlisted");
    }

    @Test
    void routingSendsAnEventToEachEndpointThatSelectsIt() {
        NotificationRouting routing = new NotificationRouting(List.of(
                endpoint("slack", "seat.waitlisted"), endpoint("itsm", "seat."), endpoint("sre", "sync.deadLettered")));
        assertThat(routing.endpointsFor("seat.waitlisted")).containsExactly("slack", "itsm");
        assertThat(routing.endpointsFor("seat.assigned")).containsExactly("itsm");
        assertThat(routing.endpointsFor("scim.user.created")).isEmpty();
        assertThatThrownBy(() -> new NotificationRouting(List.of(endpoint("a", "seat."), endpoint("a", "pool."))))
                .hasMessageContaining("two notification endpoints are named 'a'");
    }

    private static NotificationEndpoint endpoint(String name, String... patterns) {
        return new NotificationEndpoint(
                name,
                java.net.URI.create("https://hooks.example.com/" + name),
                new EventSelector(List.of(patterns)),
                NotificationFormat.CLOUDEVENTS,
                null);
    }
}
