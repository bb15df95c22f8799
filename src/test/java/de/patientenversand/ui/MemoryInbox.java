package de.patientenversand.ui;

import de.patientenversand.vault.DocumentInfo;
import de.patientenversand.vault.Inbox;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An inbox held in memory, for UI tests that are about the window and not the vault. */
final class MemoryInbox implements Inbox {
    final Map<String, DocumentInfo> docs = new LinkedHashMap<>();
    final Map<String, byte[]> contents = new LinkedHashMap<>();
    final List<DocumentInfo> pending = new ArrayList<>();
    volatile boolean closed;

    void add(DocumentInfo info, byte[] content) {
        docs.put(info.id(), info);
        contents.put(info.id(), content);
    }

    @Override
    public synchronized List<DocumentInfo> documents() {
        return docs.values().stream().sorted(Comparator.comparing(DocumentInfo::receivedAt).reversed()).toList();
    }

    @Override
    public synchronized InputStream open(String id) throws IOException {
        DocumentInfo d = docs.get(id);
        if (d == null || "damaged".equals(d.state())) {
            throw new IOException("damaged");
        }
        return new ByteArrayInputStream(contents.get(id));
    }

    @Override
    public synchronized void export(String id, Path target) throws IOException {
        Files.write(target, contents.get(id));
    }

    @Override
    public synchronized void delete(String id) {
        docs.remove(id);
        contents.remove(id);
    }

    @Override
    public synchronized void markRead(String id, boolean read) {
        DocumentInfo d = docs.get(id);
        docs.put(id, new DocumentInfo(d.id(), d.submission(), d.name(), d.size(), d.sha256(), d.type(),
                d.receivedAt(), d.sender(), d.message(), d.link(), d.verified(), d.state(), read));
    }

    @Override
    public synchronized int adoptNew() {
        int n = pending.size();
        pending.clear();
        return n;
    }

    @Override
    public void close() {
        closed = true;
    }
}
