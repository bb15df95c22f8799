package de.patientenversand.reliability;

import java.util.List;

/**
 * A place in the real {@code serve} process where the kill -9 suite stops a thread and then kills
 * the process: one or more method entries that must be reached in order, each with the frames it
 * must be called from. The debugger ({@link ForkedServe}) counts only matching entries after the
 * point was armed, so uploads that finished before stay untouched.
 *
 * @param phase       the step of an upload: parse, encrypt, fsync, rename or commit
 * @param name        what the process was about to do, for the report and failure messages
 * @param upload      the kind of upload that reaches this point
 * @param steps       method entries to pass in order; the process halts at the last one
 */
record KillPoint(String phase, String name, Upload upload, List<Step> steps) {

    /** How the victim upload is sent. */
    enum Upload {
        /** one multipart request with a sender field and one file of 256 KB */
        MULTIPART,
        /** one multipart request with two files */
        MULTIPART_TWO_FILES,
        /** the page's way: open a submission, tus PATCHes of 64 KB, complete */
        TUS
    }

    /**
     * One method entry.
     *
     * @param type       class that declares the method
     * @param method     method name ({@code <init>} for a constructor)
     * @param signature  JVM signature to tell overloads apart, or null for any
     * @param caller     "Class.method" of the direct caller, or null for any
     * @param within     "Class.method"s that must all be somewhere on the stack
     * @param occurrence which matching entry (1 = the first after arming or after the previous step)
     */
    record Step(String type, String method, String signature, String caller, List<String> within, int occurrence) {
        static Step at(String type, String method) {
            return new Step(type, method, null, null, List.of(), 1);
        }

        Step signature(String s) {
            return new Step(type, method, s, caller, within, occurrence);
        }

        Step calledBy(String c) {
            return new Step(type, method, signature, c, within, occurrence);
        }

        Step within(String w) {
            List<String> all = new java.util.ArrayList<>(within);
            all.add(w);
            return new Step(type, method, signature, caller, List.copyOf(all), occurrence);
        }

        Step occurrence(int n) {
            return new Step(type, method, signature, caller, within, n);
        }
    }

    private static final String UPLOAD = "de.patientenversand.upload.";
    private static final String VAULT = "de.patientenversand.vault.";
    private static final String MULTIPART = UPLOAD + "MultipartUpload";
    private static final String WRITER = VAULT + "VaultDocumentWriter";
    private static final String COMMIT = WRITER + ".commit";
    private static final String OWNER_ONLY = "de.patientenversand.common.OwnerOnlyFiles";
    private static final String FORCE_TYPE = "sun.nio.ch.FileChannelImpl";
    private static final String WRITE_BUFFER = "(Ljava/nio/ByteBuffer;)V";

    private static KillPoint point(String phase, String name, Upload upload, Step... steps) {
        return new KillPoint(phase, name, upload, List.of(steps));
    }

    /** Every point of the suite, in the order of an upload's life. */
    static List<KillPoint> catalogue() {
        return List.of(
                point("parse", "part headers of the file read, nothing stored", Upload.MULTIPART,
                        Step.at(MULTIPART, "beginPart").occurrence(2)),
                point("parse", "head of the file buffered, type not yet detected", Upload.MULTIPART,
                        Step.at(UPLOAD + "TypeDetector", "detect").within(MULTIPART + ".start")),
                point("parse", "type known, submission row not yet written", Upload.MULTIPART,
                        Step.at(VAULT + "DocumentStore", "openSubmission").within(MULTIPART + ".start")),
                point("parse", "tus: head of the file buffered, type not yet detected", Upload.TUS,
                        Step.at(UPLOAD + "TypeDetector", "detect").within(UPLOAD + "tus.TusCommitter.start")),
                point("encrypt", "submission written, partial file not yet created", Upload.MULTIPART,
                        Step.at(VAULT + "DocumentStore", "begin").within(MULTIPART + ".start")),
                point("encrypt", "first plaintext chunk going into age", Upload.MULTIPART,
                        Step.at(WRITER, "write").signature(WRITE_BUFFER)),
                point("encrypt", "in the middle of the file", Upload.MULTIPART,
                        Step.at(WRITER, "write").signature(WRITE_BUFFER).occurrence(12)),
                point("encrypt", "tus: second PATCH in the middle", Upload.TUS,
                        Step.at(WRITER, "write").signature(WRITE_BUFFER).within(UPLOAD + "tus.TusPatchHandler.receive")
                                .occurrence(3)),
                point("encrypt", "all plaintext in, age's last chunk not yet written", Upload.MULTIPART,
                        Step.at(WRITER, "commit")),
                point("encrypt", "first of two files committed, second one starting", Upload.MULTIPART_TWO_FILES,
                        Step.at(WRITER, "commit"),
                        Step.at(VAULT + "DocumentStore", "begin")),
                point("fsync", "partial file about to be fsynced", Upload.MULTIPART,
                        Step.at(FORCE_TYPE, "force").within(COMMIT)),
                point("fsync", "partial fsynced, metadata not yet sealed", Upload.MULTIPART,
                        Step.at(VAULT + "AgeFiles", "seal").within(COMMIT)),
                point("fsync", "sealed sidecar written to its temp file, about to be fsynced", Upload.MULTIPART,
                        Step.at(FORCE_TYPE, "force").within(OWNER_ONLY + ".writeAtomically").within(COMMIT)),
                point("rename", "sidecar temp file about to be renamed", Upload.MULTIPART,
                        Step.at("java.nio.file.Files", "move").calledBy(OWNER_ONLY + ".writeAtomically").within(COMMIT)),
                point("rename", "sidecar in place, blob about to be renamed out of tmp/", Upload.MULTIPART,
                        Step.at("java.nio.file.Files", "move").calledBy(COMMIT)),
                point("rename", "blob renamed, its folder not yet fsynced", Upload.MULTIPART,
                        Step.at("java.nio.file.Files", "move").calledBy(COMMIT),
                        Step.at(OWNER_ONLY, "fsyncDirectory").calledBy(COMMIT)),
                point("rename", "tus: blob about to be renamed out of tmp/", Upload.TUS,
                        Step.at("java.nio.file.Files", "move").calledBy(COMMIT)),
                point("commit", "blob and sidecar in place, row not yet written", Upload.MULTIPART,
                        Step.at(VAULT + "Database", "inTransaction").calledBy(COMMIT)),
                point("commit", "row inserted, SQLite transaction not yet committed", Upload.MULTIPART,
                        Step.at("org.sqlite.SQLiteConnection", "commit").within(COMMIT)),
                point("commit", "row committed, the practice has no receipt yet", Upload.MULTIPART,
                        Step.at(UPLOAD + "UploadReceived", "<init>").within(MULTIPART + ".finishFile")),
                point("commit", "receipt built, not yet sent", Upload.MULTIPART,
                        Step.at(UPLOAD + "ErrorResponder", "sendJson").within(UPLOAD + "MultipartUploadHandler.respond")),
                point("commit", "tus: row committed, PATCH not yet answered", Upload.TUS,
                        Step.at(UPLOAD + "UploadReceived", "<init>").within(UPLOAD + "tus.TusCommitter.commit")),
                point("commit", "tus: submission completing, receipt not yet sent", Upload.TUS,
                        Step.at(UPLOAD + "submission.ReceiptJson", "receipt")));
    }

    @Override
    public String toString() {
        return phase + ": " + name;
    }
}
