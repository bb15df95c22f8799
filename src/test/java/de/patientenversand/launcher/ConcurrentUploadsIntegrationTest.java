package de.patientenversand.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import de.patientenversand.vault.DocumentInfo;
import de.patientenversand.vault.KdfParams;
import de.patientenversand.vault.UnlockedVault;
import de.patientenversand.vault.Unlocker;
import de.patientenversand.vault.VaultCreator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("serve in a forked JVM with a 128 MB heap receives 16 concurrent 10 MB uploads intact")
class ConcurrentUploadsIntegrationTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("16 × 10 MB at once: all 201, and every document decrypts to the SHA-256 that was sent")
    void sixteenAtOnce() throws Exception {
        char[] pass = "pw pw pw pw".toCharArray();
        new VaultCreator(new SecureRandom()).create(dir, pass, new KdfParams(1024, 1, 1));
        Process serve = ServeCliTest.java("serve", "--data-dir", dir.toString(), "--port", "0")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> sent = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            String base = out.readLine().substring("Listening on ".length());
            int port = Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
            ServeCliTest.Run create = ServeCliTest.run("link", "create", "--data-dir", dir.toString(), "--label", "Praxis");
            assertThat(create.code()).isZero();
            String url = create.out().strip();
            String path = url.substring(base.length()) + "/upload";
            int size = 10 * 1024 * 1024;
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                byte[] content = new byte[size];
                new Random(i).nextBytes(content);
                System.arraycopy("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), 0, content, 0, 9);
                sent.add(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
                int n = i;
                // 16 practices, each from an address of its own (one address may hold only 8 requests)
                results.add(pool.submit(() -> post(port, path, "Datei" + n + ".pdf", content, 10 + n)));
            }
            for (Future<Integer> f : results) {
                assertThat(f.get(120, TimeUnit.SECONDS)).isEqualTo(201);
            }
            pool.shutdown();
            assertThat(serve.isAlive()).isTrue();
        } finally {
            serve.destroy();
            serve.waitFor(20, TimeUnit.SECONDS);
        }
        try (UnlockedVault vault = new Unlocker(new SecureRandom()).withPassphrase(dir, pass)) {
            List<DocumentInfo> docs = vault.documents();
            assertThat(docs).hasSize(16);
            Set<String> decrypted = docs.stream().map(d -> {
                try (var in = vault.open(d.id())) {
                    MessageDigest sha = MessageDigest.getInstance("SHA-256");
                    byte[] buf = new byte[65536];
                    int r;
                    while ((r = in.read(buf)) != -1) {
                        sha.update(buf, 0, r);
                    }
                    return HexFormat.of().formatHex(sha.digest());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).collect(Collectors.toSet());
            assertThat(decrypted).containsExactlyInAnyOrderElementsOf(sent);
        }
    }

    static int post(int port, String path, String name, byte[] content, int client) throws Exception {
        byte[] head = ("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\r\n--XyZ--\r\n".getBytes(StandardCharsets.US_ASCII);
        java.net.InetAddress loopback = java.net.InetAddress.getByName("127.0.0.1");
        java.net.InetAddress from = java.net.InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) client});
        try (Socket s = new Socket(loopback, port, from, 0)) {
            s.setSoTimeout(120_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=XyZ\r\n"
                    + "Content-Length: " + (head.length + content.length + tail.length) + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(head);
            out.write(content);
            out.write(tail);
            out.flush();
            String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }
}
