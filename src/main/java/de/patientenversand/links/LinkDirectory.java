package de.patientenversand.links;

import java.io.IOException;

/** What the upload server asks about links: everything it needs, nothing the private key guards. */
public interface LinkDirectory {

    /** Looks a token up in constant time with respect to the token's content. */
    LinkLookup lookup(String token) throws IOException;

    /**
     * Counts one document received through the link; false (and nothing counted) when the link's
     * quota is used up or the link has been revoked or has expired meanwhile.
     */
    boolean claimDocument(String linkId) throws IOException;

    /** Gives back a claim when the document was not stored after all. */
    void releaseDocument(String linkId) throws IOException;
}
