package de.patientenversand.upload;

import de.patientenversand.links.OpenLink;
import de.patientenversand.vault.StorageFullException;
import io.undertow.util.HeaderMap;
import io.undertow.util.MultipartParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.xnio.channels.ReadTimeoutException;

/**
 * One multipart request in progress: feeds the body to the streaming parser and keeps the state
 * of the current part. A file's first bytes (8 KiB) stay in memory until its type is known; only
 * then does the vault writer start, and every further byte goes straight to it. Part headers,
 * part count, field lengths, file size and disk space are bounded while the bytes arrive, so a
 * hostile body costs at most a few buffers of memory (T27, T28).
 */
final class MultipartUpload implements MultipartParser.PartHandler {
    private static final long DISK_CHECK_EVERY = 4L * 1024 * 1024;
    private static final int HEADER_SLICE = 256;

    private final UploadPolicy policy;
    private final UploadLimits limits;
    private final OpenLink link;
    private final MultipartFeed parser;
    private final long contentLength;
    private final List<ReceiptEntry> entries = new ArrayList<>();
    private final MinRateGuard rate;
    private String sender = "";
    private String message = "";
    private String submission;
    private Instant receivedAt;
    private int parts;
    private int files;
    private boolean inHeaders = true;
    private long headerBytes;
    private long bodyRead;
    private FieldPart field;
    private IncomingFile file;

    MultipartUpload(UploadPolicy policy, OpenLink link, byte[] boundary, long contentLength) {
        this.policy = policy;
        this.limits = policy.limits();
        this.link = link;
        this.contentLength = contentLength;
        // ISO-8859-1 keeps every header byte as one char; ContentDisposition recovers UTF-8 from it (T01).
        this.parser = new MultipartFeed(boundary, this);
        this.rate = new MinRateGuard(limits.minRateBytesPerSecond(), limits.rateWindow(), policy.clock());
    }

    void run(InputStream in) {
        byte[] buf = new byte[16 * 1024];
        try {
            int n;
            while (!parser.isComplete() && (n = in.read(buf)) != -1) {
                rate.record(n);
                bodyRead += n;
                parse(buf, n);
            }
        } catch (ReadTimeoutException e) {
            throw UploadException.closing(ApiError.TIMEOUT);
        } catch (io.undertow.server.RequestTooBigException e) {
            throw UploadException.closing(ApiError.FILE_TOO_LARGE, currentName(), limits.maxFileBytes() / UploadLimits.MIB);
        } catch (IOException e) {
            if (e.getCause() instanceof UploadException u) {
                throw u;
            }
            throw UploadException.closing(ApiError.BAD_REQUEST);
        } catch (UploadException | UncheckedUpload e) {
            throw e;
        } catch (RuntimeException e) {
            // The parser's own failures on a malformed body (a decoder's buffer overflow, an
            // illegal header name) are the client's fault: 400, never a 500.
            throw UploadException.closing(ApiError.BAD_REQUEST);
        }
        if (!parser.isComplete() && parts > 0) {
            throw UploadException.closing(ApiError.BAD_REQUEST); // T28b: the closing delimiter never came
        }
    }

    /**
     * Feeds the parser; while it is between parts (delimiter and part headers) in small slices,
     * so the bytes of a part's header block are counted to within {@link #HEADER_SLICE} and a
     * block over the limit is refused however the bytes arrive (T27c).
     */
    private void parse(byte[] buf, int n) throws IOException {
        int off = 0;
        while (off < n && !parser.isComplete()) {
            int len = inHeaders ? Math.min(HEADER_SLICE, n - off) : n - off;
            boolean headersBefore = inHeaders;
            parser.feed(buf, off, off + len);
            off += len;
            if (headersBefore && inHeaders) {
                headerBytes += len;
                if (headerBytes > limits.maxPartHeaderBytes()) {
                    throw UploadException.closing(ApiError.BAD_REQUEST);
                }
            }
        }
    }

    @Override
    public void beginPart(HeaderMap headers) {
        inHeaders = false;
        headerBytes = 0;
        if (++parts > limits.maxParts()) {
            throw UploadException.closing(ApiError.BAD_REQUEST);
        }
        if (!identityEncoding(headers.getFirst("Content-Transfer-Encoding"))) {
            throw UploadException.closing(ApiError.BAD_REQUEST); // RFC 7578 4.7: form-data parts are never encoded
        }
        ContentDisposition cd = ContentDisposition.parse(headers.getFirst("Content-Disposition"));
        if (cd.filename() == null) {
            if ("file".equals(cd.name())) {
                throw UploadException.closing(ApiError.BAD_REQUEST); // T27a: a "file" that is no file
            }
            int max = "sender".equals(cd.name()) ? limits.maxSenderChars() : limits.maxMessageChars();
            field = new FieldPart(cd.name(), max);
            return;
        }
        files++;
        file = new IncomingFile(policy.names().sanitize(cd.filename()), cd.filename().isEmpty(), limits.sniffBytes());
        if (files > limits.maxFilesPerSubmission()) {
            file.refuse(ApiError.TOO_MANY_FILES, file.name, limits.maxFilesPerSubmission());
        }
    }

    /**
     * True for a part without Content-Transfer-Encoding or with an identity one. Browsers never
     * encode form-data parts (RFC 7578 section 4.7 forbids it); the parser's base64 and
     * quoted-printable decoders fail on hostile input, so such parts are refused before they run.
     */
    private static boolean identityEncoding(String encoding) {
        if (encoding == null) {
            return true;
        }
        String e = encoding.strip().toLowerCase(java.util.Locale.ROOT);
        return e.equals("binary") || e.equals("8bit") || e.equals("7bit");
    }

    @Override
    public void data(ByteBuffer buffer) throws IOException {
        if (field != null) {
            field.add(buffer);
        } else if (file != null) {
            fileData(buffer);
        } else {
            buffer.position(buffer.limit());
        }
    }

    @Override
    public void endPart() {
        inHeaders = true;
        try {
            if (field != null) {
                field.finish();
            } else if (file != null) {
                finishFile();
            }
        } catch (IOException e) {
            throw new UncheckedUpload(e);
        } finally {
            field = null;
            file = null;
        }
    }

    private void fileData(ByteBuffer buffer) throws IOException {
        IncomingFile f = file;
        f.size += buffer.remaining();
        if (f.size > limits.maxFileBytes()) {
            f.discard();
            throw UploadException.closing(ApiError.FILE_TOO_LARGE, f.name, limits.maxFileBytes() / UploadLimits.MIB);
        }
        if (f.refused != null) {
            buffer.position(buffer.limit());
            return;
        }
        if (f.writer == null) {
            int take = Math.min(buffer.remaining(), f.sniff.length - f.sniffLength);
            buffer.get(f.sniff, f.sniffLength, take);
            f.sniffLength += take;
            if (f.sniffLength < f.sniff.length) {
                return;
            }
            start(f);
            if (f.refused != null) {
                buffer.position(buffer.limit());
                return;
            }
        }
        try {
            f.writer.write(buffer);
        } catch (StorageFullException e) {
            // the disk filled up under the upload (another program, or a file that grew): 507, not 500
            f.discard();
            throw UploadException.closing(ApiError.INSUFFICIENT_STORAGE, f.name);
        }
        if (f.size - f.lastDiskCheck >= DISK_CHECK_EVERY) {
            f.lastDiskCheck = f.size;
            if (policy.disk().usableBytes() < limits.diskReserveBytes()) {
                f.discard();
                throw UploadException.closing(ApiError.INSUFFICIENT_STORAGE, f.name);
            }
        }
    }

    /** Detects the type from the buffered head, claims quota and disk, and starts the vault writer. */
    private void start(IncomingFile f) throws IOException {
        String type = policy.types().detect(f.sniff, f.sniffLength);
        if (type == null) {
            f.refuse(ApiError.UNSUPPORTED_TYPE, f.name);
            return;
        }
        long expected = Math.min(limits.maxFileBytes(), contentLength < 0 ? limits.maxFileBytes()
                : Math.max(f.sniffLength, contentLength - bodyRead + f.sniffLength));
        if (policy.disk().usableBytes() < limits.diskReserveBytes() + expected) {
            throw UploadException.closing(ApiError.INSUFFICIENT_STORAGE, f.name);
        }
        if (!policy.links().claimDocument(link.id())) {
            f.refuse(ApiError.QUOTA_EXCEEDED);
            return;
        }
        f.claimed = true;
        try {
            if (submission == null) {
                submission = policy.sink().openSubmission(link.id());
            }
            f.writer = policy.sink().begin(new de.patientenversand.vault.IncomingDocument(submission, link.id(),
                    link.label(), f.name, type, sender, message));
            f.writer.write(ByteBuffer.wrap(f.sniff, 0, f.sniffLength));
        } catch (StorageFullException e) {
            throw UploadException.closing(ApiError.INSUFFICIENT_STORAGE, f.name);
        }
    }

    private void finishFile() throws IOException {
        IncomingFile f = file;
        if (f.refused == null && f.writer == null) {
            if (f.size == 0) {
                if (!f.nameWasEmpty) {
                    entries.add(ReceiptEntry.refused(f.name, 0, ApiError.EMPTY_FILE, f.name));
                    policy.events().publish(new UploadRefused(link.id(), ApiError.EMPTY_FILE.code()));
                }
                return; // an empty, unnamed part is an <input type=file> with nothing chosen (T13)
            }
            start(f);
        }
        if (f.refused != null) {
            entries.add(ReceiptEntry.refused(f.name, f.size, f.refused, f.refusedArgs));
            policy.events().publish(new UploadRefused(link.id(), f.refused.code()));
            f.discard();
            return;
        }
        try {
            var stored = f.writer.commit();
            f.committed = true;
            receivedAt = stored.receivedAt();
            entries.add(ReceiptEntry.stored(f.name, stored.size(), stored.sha256()));
            policy.events().publish(new UploadReceived(stored.submissionId(), stored.id(), stored.size()));
        } catch (StorageFullException e) {
            throw UploadException.closing(ApiError.INSUFFICIENT_STORAGE, f.name);
        } finally {
            f.discard();
        }
    }

    /** Discards the file in progress (called on every way out). */
    void abort() {
        if (file != null) {
            file.discard();
            file = null;
        }
    }

    List<ReceiptEntry> entries() {
        return List.copyOf(entries);
    }

    String submission() {
        return submission;
    }

    Instant receivedAt() {
        return receivedAt != null ? receivedAt : policy.clock().instant();
    }

    private String currentName() {
        return file != null ? file.name : FileNameSanitizer.FALLBACK;
    }

    /** Carries a checked exception out of the parser's callbacks (which may throw only runtime exceptions). */
    static final class UncheckedUpload extends RuntimeException {
        UncheckedUpload(IOException cause) {
            super(cause);
        }
    }

    private final class IncomingFile {
        final String name;
        final boolean nameWasEmpty;
        final byte[] sniff;
        int sniffLength;
        long size;
        long lastDiskCheck;
        de.patientenversand.vault.DocumentWriter writer;
        ApiError refused;
        Object[] refusedArgs = new Object[0];
        boolean claimed;
        boolean committed;

        IncomingFile(String name, boolean nameWasEmpty, int sniffBytes) {
            this.name = name;
            this.nameWasEmpty = nameWasEmpty;
            this.sniff = new byte[sniffBytes];
        }

        void refuse(ApiError error, Object... args) {
            refused = error;
            refusedArgs = args;
        }

        void discard() {
            if (writer != null) {
                try {
                    writer.close();
                } catch (IOException e) {
                    // nothing was committed; the vault's start-up recovery removes leftovers in tmp/
                }
                writer = null;
            }
            if (claimed && !committed) {
                claimed = false;
                try {
                    policy.links().releaseDocument(link.id());
                } catch (IOException e) {
                    // the quota stays one lower; harmless
                }
            }
        }
    }

    private final class FieldPart {
        final String name;
        final int maxChars;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        FieldPart(String name, int maxChars) {
            this.name = name;
            this.maxChars = maxChars;
        }

        void add(ByteBuffer buffer) {
            int n = buffer.remaining();
            if (bytes.size() + n > maxChars * 4L + 4) {
                throw UploadException.closing(ApiError.FIELD_TOO_LONG, limits.maxSenderChars(), limits.maxMessageChars());
            }
            byte[] b = new byte[n];
            buffer.get(b);
            bytes.writeBytes(b);
        }

        void finish() {
            String text = ContentDisposition.decodeBytes(bytes.toString(StandardCharsets.ISO_8859_1));
            if (FormText.characters(text) > maxChars) {
                throw new UploadException(ApiError.FIELD_TOO_LONG, limits.maxSenderChars(), limits.maxMessageChars());
            }
            if ("sender".equals(name)) {
                sender = FormText.sender(text);
            } else if ("message".equals(name)) {
                message = FormText.message(text);
            }
        }
    }
}
