package de.patientenversand.links;

/** The result of looking up a token: unknown, expired, revoked, or a valid link. */
public sealed interface LinkLookup {

    record Unknown() implements LinkLookup {
    }

    record Expired(String linkId) implements LinkLookup {
    }

    record Revoked(String linkId) implements LinkLookup {
    }

    record Valid(OpenLink link) implements LinkLookup {
    }
}
