package de.patientenversand.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.patientenversand.upload.Body;
import de.patientenversand.upload.RawHttp;
import de.patientenversand.upload.TusClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * A practice sending documents to a running server the two ways the page and scripts do: one
 * multipart request, or the page's flow (open a submission, tus PATCHes, complete). Every
 * document carries a plaintext marker, so a scan of the disk can prove that none of it was
 * written in the clear.
 */
final class PracticeClient {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One document as the practice has it. */
    record Doc(String name, byte[] bytes) {
        String sha256() {
            return PracticeClient.sha256(bytes);
        }
    }

    /** One document the practice holds a receipt for. */
    record Confirmed(String submission, String name, long size, String sha256) {
    }

    private final int port;
    private final String linkPath;

    PracticeClient(int port, String linkPath) {
        this.port = port;
        this.linkPath = linkPath;
    }

    /** Documents with the marker on every line: plain text or, every other one, a PDF by its magic bytes. */
    static Doc document(String marker, String name, int size, long seed) {
        Random r = new Random(seed);
        StringBuilder text = new StringBuilder(size + 100);
        if (seed % 2 == 0) {
            text.append("%PDF-1.4\n");
        }
        while (text.length() < size) {
            text.append(marker).append(' ');
            for (int i = 0; i < 60; i++) {
                text.append((char) ('a' + r.nextInt(26)));
            }
            text.append('\n');
        }
        return new Doc(name, Arrays.copyOf(text.toString().getBytes(StandardCharsets.US_ASCII), size));
    }

    /** One multipart request with a sender field and the documents; the answer as it came. */
    RawHttp.Response multipart(String sender, List<Doc> docs) throws IOException {
        Body body = new Body().field("sender", sender);
        docs.forEach(d -> body.file(d.name(), d.bytes()));
        return RawHttp.post(port, linkPath + "/upload", Body.TYPE, body.end().bytes(), "Accept: application/json");
    }

    /** The page's flow for one document: submission, tus creation, PATCHes of {@code chunk} bytes, complete. */
    RawHttp.Response tus(String sender, Doc doc, int chunk) throws IOException {
        String open = JSON.createObjectNode().put("sender", sender).put("message", "").toString();
        RawHttp.Response created = RawHttp.post(port, linkPath + "/submissions", "application/json",
                open.getBytes(StandardCharsets.UTF_8));
        if (created.status() != 201) {
            return created;
        }
        String submission = JSON.readTree(created.body()).path("submission").asText();
        TusClient tus = new TusClient(port, linkPath);
        RawHttp.Response upload = tus.create(doc.bytes().length, "filename " + b64(doc.name())
                + ",filetype " + b64("application/octet-stream") + ",submission " + b64(submission));
        if (upload.status() != 201) {
            return upload;
        }
        String path = tus.uploadPath(upload);
        for (int off = 0; off < doc.bytes().length; off += chunk) {
            byte[] part = Arrays.copyOfRange(doc.bytes(), off, Math.min(doc.bytes().length, off + chunk));
            RawHttp.Response patched = tus.patch(path, off, part);
            if (patched.status() != 204) {
                return patched;
            }
        }
        return RawHttp.post(port, linkPath + "/submissions/" + submission + "/complete", "application/json", new byte[0]);
    }

    /** The documents a 201 receipt confirms (refused files in it are left out). */
    static List<Confirmed> confirmed(RawHttp.Response r) throws IOException {
        List<Confirmed> out = new ArrayList<>();
        if (r.status() != 201) {
            return out;
        }
        JsonNode receipt = JSON.readTree(r.body());
        for (JsonNode f : receipt.path("files")) {
            if (f.hasNonNull("sha256")) {
                out.add(new Confirmed(receipt.path("submission").asText(), f.path("name").asText(),
                        f.path("size").asLong(), f.path("sha256").asText()));
            }
        }
        return out;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
