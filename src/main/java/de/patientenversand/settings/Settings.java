package de.patientenversand.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.nio.file.Path;

/**
 * The patient's settings, stored as {@code settings.json} (0600) in the data dir.
 * The named-tunnel token lives here and nowhere else; it is never logged and never backed up.
 *
 * @param version          format version of the file
 * @param patientName      shown on the upload page and in the consent
 * @param language         "de" or "en"
 * @param port             the upload server's local port (0 = pick a free one at start)
 * @param tunnelMode       "quick", "named" or "off"
 * @param namedTunnelToken the token of the patient's own Cloudflare tunnel, or {@code null}
 * @param namedTunnelPort  the fixed local port a named tunnel targets
 * @param cloudflaredPath  an explicitly configured cloudflared binary, or {@code null}
 * @param autoLockMinutes  idle minutes before the inbox locks itself
 * @param maxFileSizeMb    per-file limit in MiB
 * @param retentionDays    delete documents automatically after this many days (0 = never)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Settings(int version, String patientName, String language, int port, String tunnelMode,
                      String namedTunnelToken, int namedTunnelPort, String cloudflaredPath,
                      int autoLockMinutes, int maxFileSizeMb, int retentionDays) {

    public static final int CURRENT_VERSION = 1;

    public static Settings defaults() {
        return new Settings(CURRENT_VERSION, "", "de", 0, "quick", null, 48080, null, 15, 50, 0);
    }

    public Settings withPatientName(String name) {
        return new Settings(version, name, language, port, tunnelMode, namedTunnelToken, namedTunnelPort,
                cloudflaredPath, autoLockMinutes, maxFileSizeMb, retentionDays);
    }

    public Settings withTunnelMode(String mode) {
        return new Settings(version, patientName, language, port, mode, namedTunnelToken, namedTunnelPort,
                cloudflaredPath, autoLockMinutes, maxFileSizeMb, retentionDays);
    }

    public Settings withPort(int newPort) {
        return new Settings(version, patientName, language, newPort, tunnelMode, namedTunnelToken, namedTunnelPort,
                cloudflaredPath, autoLockMinutes, maxFileSizeMb, retentionDays);
    }

    public Settings withLanguage(String lang) {
        return new Settings(version, patientName, lang, port, tunnelMode, namedTunnelToken, namedTunnelPort,
                cloudflaredPath, autoLockMinutes, maxFileSizeMb, retentionDays);
    }

    public Settings withAutoLockMinutes(int minutes) {
        return new Settings(version, patientName, language, port, tunnelMode, namedTunnelToken, namedTunnelPort,
                cloudflaredPath, minutes, maxFileSizeMb, retentionDays);
    }

    public Settings withNamedTunnel(String token, int localPort) {
        return new Settings(version, patientName, language, port, tunnelMode, token, localPort,
                cloudflaredPath, autoLockMinutes, maxFileSizeMb, retentionDays);
    }

    public Settings withMaxFileSizeMb(int mb) {
        return new Settings(version, patientName, language, port, tunnelMode, namedTunnelToken, namedTunnelPort,
                cloudflaredPath, autoLockMinutes, mb, retentionDays);
    }

    public Settings withRetentionDays(int days) {
        return new Settings(version, patientName, language, port, tunnelMode, namedTunnelToken, namedTunnelPort,
                cloudflaredPath, autoLockMinutes, maxFileSizeMb, days);
    }

    public Path cloudflared() {
        return cloudflaredPath == null || cloudflaredPath.isBlank() ? null : Path.of(cloudflaredPath);
    }

    /** A copy for display or backup: the named-tunnel token removed. */
    public Settings withoutSecrets() {
        return withNamedTunnel(null, namedTunnelPort);
    }

    @Override
    public String toString() {
        return "Settings[v" + version + ", tunnel=" + tunnelMode + ", port=" + port + "]";
    }
}
