package de.patientenversand.upload.page;

import de.patientenversand.links.OpenLink;

/**
 * Whether a signed consent exists for a link, so the page shows the link "Einwilligung des
 * Patienten (PDF)". The consent work plugs in here; until then no link has one.
 */
@FunctionalInterface
public interface ConsentHook {
    ConsentHook NONE = link -> false;

    boolean hasConsent(OpenLink link);
}
