package de.patientenversand.vault;

/** The state of a document as {@link DocumentInfo#state()} names it. */
public enum DocumentState {
    /** Adopted: the MAC checks (the app has seen it whole). */
    OK("ok"),
    /** Not confirmed yet (nicht bestätigt): no MAC recorded. */
    UNCONFIRMED("unconfirmed"),
    /** Damaged (beschädigt): a file is missing, does not decrypt, or a hash or MAC does not match. */
    DAMAGED("damaged");

    private final String label;

    DocumentState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
