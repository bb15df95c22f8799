package de.patientenversand.upload.submission;

import de.patientenversand.links.OpenLink;

/** Told when a delivery is complete, so its receipt PDF can be written while the token is at hand. */
@FunctionalInterface
public interface ReceiptHook {
    ReceiptHook NONE = (link, submission, receipt) -> { };

    void completed(OpenLink link, Submission submission, Receipt receipt);
}
