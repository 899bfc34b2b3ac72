package dev.kiroscim.core.seats;

/** An {@link Entitlement} with the user's current userName, as the admin API shows it. */
public record UserEntitlement(String userName, Entitlement entitlement) {}
