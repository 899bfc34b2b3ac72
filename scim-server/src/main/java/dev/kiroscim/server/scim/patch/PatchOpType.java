package dev.kiroscim.server.scim.patch;

import java.util.Optional;

/** The three PATCH operations of RFC 7644 §3.5.2. */
public enum PatchOpType {
    ADD("add"),
    REPLACE("replace"),
    REMOVE("remove");

    private final String rfcName;

    PatchOpType(String rfcName) {
        this.rfcName = rfcName;
    }

    /** The name as RFC 7644 spells it in {@code "op"}: {@code add}, {@code replace}, {@code remove}. */
    public String rfcName() {
        return rfcName;
    }

    /** The operation spelled exactly {@code add}, {@code replace} or {@code remove}; empty for anything else. */
    public static Optional<PatchOpType> fromRfcName(String op) {
        for (PatchOpType type : values()) {
            if (type.rfcName.equals(op)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
