package de.patientenversand.vault;

import java.nio.file.Path;

/** Where each part of a vault lives inside the data directory (DESIGN.md section 4). */
public record VaultLayout(Path dataDir) {

    public VaultLayout {
        dataDir = dataDir.toAbsolutePath().normalize();
    }

    public Path database() {
        return dataDir.resolve("vault.db");
    }

    public Path identityFile() {
        return dataDir.resolve("identity.key");
    }

    public Path recipientFile() {
        return dataDir.resolve("recipient.txt");
    }

    public Path blobs() {
        return dataDir.resolve("blobs");
    }

    public Path tmp() {
        return dataDir.resolve("tmp");
    }

    /** {@code blobs/xx/} for a document id (xx = its first two characters). */
    public Path blobDir(String id) {
        return blobs().resolve(id.substring(0, 2));
    }

    public Path blob(String id) {
        return blobDir(id).resolve(id + ".age");
    }

    public Path metadata(String id) {
        return blobDir(id).resolve(id + ".meta.age");
    }

    public Path mac(String id) {
        return blobDir(id).resolve(id + ".mac");
    }

    public Path partial(String id) {
        return tmp().resolve(id + ".age.part");
    }

    public Path lockFile(String name) {
        return dataDir.resolve(name + ".lock");
    }

    /** Whether this folder holds a vault (its public key is there). */
    public boolean exists() {
        return java.nio.file.Files.isRegularFile(recipientFile());
    }
}
