package de.patientenversand.upload.submission;

import java.util.Optional;

/**
 * The limits and checks that uploads of every kind share (DESIGN.md section 6). The
 * resumable path asks the same questions as the multipart path, so a file refused there is
 * refused here for the same reason.
 */
public interface UploadPolicy {

    /** The numbers: file size, files per submission, field lengths. */
    de.patientenversand.upload.UploadLimits limits();

    /** True when the disk keeps its reserve after a file of this size. */
    boolean hasRoomFor(long bytes);

    /** The sanitised display name for a name a client declared. */
    String sanitiseName(String declared);

    /**
     * The media type detected from the first bytes of a file ({@code head} holds at most 8 KiB,
     * or the whole file when shorter), or empty when the type is not accepted.
     */
    Optional<String> detectType(byte[] head, int length);
}
