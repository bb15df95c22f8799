package de.patientenversand.links;

import de.patientenversand.vault.Database;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Creates, lists, revokes and expires links, and checks tokens for the server. In the clear the
 * database holds only SHA-256(token), times, quota and the revoked flag; label and token are
 * sealed to the vault's public key; the page data is encrypted under the token
 * ({@link LinkPageData}). Creating and revoking need no private key, so {@code link create}
 * never asks for the password.
 */
public final class LinkService implements LinkDirectory {
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(30);
    private static final byte[] NO_MATCH = new byte[32];

    private final Database sql;
    private final LinkPageData pages;
    private final Sealer sealer;
    private final String recipient;
    private final Clock clock;
    private final SecureRandom random;

    public LinkService(Database sql, LinkPageData pages, Sealer sealer, String recipient, Clock clock, SecureRandom random) {
        this.sql = sql;
        this.pages = pages;
        this.sealer = sealer;
        this.recipient = recipient;
        this.clock = clock;
        this.random = random;
    }

    public CreatedLink create(String label, Duration validity, Integer quota, String patientName) throws IOException {
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive");
        }
        String token = LinkToken.generate(random);
        byte[] idBytes = new byte[8];
        random.nextBytes(idBytes);
        String id = HexFormat.of().formatHex(idBytes);
        Instant now = clock.instant();
        Instant expires = now.plus(validity);
        byte[] sealedLabel = sealer.seal(label.getBytes(StandardCharsets.UTF_8));
        byte[] sealedToken = sealer.seal(token.getBytes(StandardCharsets.US_ASCII));
        pages.write(id, token, new LinkPageData.Page(label, patientName == null ? "" : patientName));
        sql.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("INSERT INTO links (id, token_hash, created_at, expires_at,"
                    + " quota, used, revoked, sealed_label, sealed_token) VALUES (?,?,?,?,?,0,0,?,?)")) {
                st.setString(1, id);
                st.setBytes(2, LinkToken.hash(token));
                st.setLong(3, now.toEpochMilli());
                st.setLong(4, expires.toEpochMilli());
                if (quota == null) {
                    st.setNull(5, Types.INTEGER);
                } else {
                    st.setInt(5, quota);
                }
                st.setBytes(6, sealedLabel);
                st.setBytes(7, sealedToken);
                st.executeUpdate();
            }
            return null;
        });
        return new CreatedLink(id, token, CheckCode.of(token, recipient), expires);
    }

    /** Every link; labels and tokens opened with {@code unsealer}, or left {@code null} without one. */
    public List<LinkInfo> list(Unsealer unsealer) throws IOException {
        List<Object[]> rows = sql.inTransaction(c -> {
            List<Object[]> out = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("SELECT id, created_at, expires_at, quota, used, revoked,"
                    + " sealed_label, sealed_token FROM links ORDER BY created_at DESC");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    int q = rs.getInt(4);
                    Integer quota = rs.wasNull() ? null : q;
                    out.add(new Object[] {rs.getString(1), rs.getLong(2), rs.getLong(3), quota, rs.getInt(5),
                        rs.getInt(6) != 0, rs.getBytes(7), rs.getBytes(8)});
                }
            }
            return out;
        });
        List<LinkInfo> result = new ArrayList<>();
        for (Object[] r : rows) {
            String label = unsealer == null ? null : new String(unsealer.unseal((byte[]) r[6]), StandardCharsets.UTF_8);
            String token = unsealer == null ? null : new String(unsealer.unseal((byte[]) r[7]), StandardCharsets.US_ASCII);
            result.add(new LinkInfo((String) r[0], label, token, Instant.ofEpochMilli((Long) r[1]),
                    Instant.ofEpochMilli((Long) r[2]), (Integer) r[3], (Integer) r[4], (Boolean) r[5]));
        }
        return result;
    }

    /** Revokes a link; uploads through it stop at once. False if there is no such link. */
    public boolean revoke(String id) throws IOException {
        return update("UPDATE links SET revoked = 1 WHERE id = ?", id);
    }

    /** Ends a link's validity now (410 link_expired from then on). */
    public boolean expire(String id) throws IOException {
        long now = clock.instant().toEpochMilli();
        return sql.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE links SET expires_at = ? WHERE id = ? AND expires_at > ?")) {
                st.setLong(1, now);
                st.setString(2, id);
                st.setLong(3, now);
                return st.executeUpdate() == 1;
            }
        });
    }

    public String checkCode(String token) {
        return CheckCode.of(token, recipient);
    }

    @Override
    public LinkLookup lookup(String token) throws IOException {
        byte[] hash = LinkToken.hash(token == null ? "" : token);
        Object[] row = sql.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT id, token_hash, expires_at, revoked, quota, used FROM links WHERE token_hash = ?")) {
                st.setBytes(1, hash);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    int q = rs.getInt(5);
                    Integer quota = rs.wasNull() ? null : q;
                    return new Object[] {rs.getString(1), rs.getBytes(2), rs.getLong(3), rs.getInt(4) != 0, quota,
                        rs.getInt(6)};
                }
            }
        });
        // Compare in constant time even when nothing was found, so every miss takes the same path.
        boolean match = MessageDigest.isEqual(hash, row == null ? NO_MATCH : (byte[]) row[1]);
        if (row == null || !match || !LinkToken.wellFormed(token)) {
            return new LinkLookup.Unknown();
        }
        String id = (String) row[0];
        if ((Boolean) row[3]) {
            return new LinkLookup.Revoked(id);
        }
        Instant expires = Instant.ofEpochMilli((Long) row[2]);
        if (!clock.instant().isBefore(expires)) {
            return new LinkLookup.Expired(id);
        }
        LinkPageData.Page page = pages.read(id, token);
        if (page == null) {
            return new LinkLookup.Unknown();
        }
        Integer quota = (Integer) row[4];
        Integer remaining = quota == null ? null : Math.max(0, quota - (Integer) row[5]);
        return new LinkLookup.Valid(new OpenLink(id, token, page.label(), page.patientName(),
                CheckCode.of(token, recipient), expires, remaining));
    }

    @Override
    public boolean claimDocument(String linkId) throws IOException {
        long now = clock.instant().toEpochMilli();
        return sql.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("UPDATE links SET used = used + 1 WHERE id = ? AND revoked = 0"
                    + " AND expires_at > ? AND (quota IS NULL OR used < quota)")) {
                st.setString(1, linkId);
                st.setLong(2, now);
                return st.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void releaseDocument(String linkId) throws IOException {
        update("UPDATE links SET used = MAX(0, used - 1) WHERE id = ?", linkId);
    }

    private boolean update(String statement, String id) throws IOException {
        return sql.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement(statement)) {
                st.setString(1, id);
                return st.executeUpdate() == 1;
            }
        });
    }
}
