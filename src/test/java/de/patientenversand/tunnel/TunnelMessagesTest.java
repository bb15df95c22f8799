package de.patientenversand.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TunnelMessagesTest {
    @Test
    @DisplayName("every reason, state and help text has German and English words, and they differ")
    void everyKeyInBothLanguages() {
        ResourceBundle de = ResourceBundle.getBundle("i18n.messages", Locale.ROOT, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_DEFAULT));
        ResourceBundle en = ResourceBundle.getBundle("i18n.messages", Locale.ENGLISH);
        var keys = new java.util.ArrayList<String>();
        for (TunnelReason r : TunnelReason.values()) {
            keys.add(r.messageKey());
        }
        for (TunnelState s : TunnelState.values()) {
            keys.add("tunnel.state." + s.id());
        }
        for (String os : new String[] {"Linux", "Mac OS X", "Windows 10"}) {
            keys.add(CloudflaredLocator.helpKey(os));
        }
        for (String k : keys) {
            assertThat(de.getString(k)).as(k).isNotBlank();
            assertThat(en.getString(k)).as(k).isNotBlank().isNotEqualTo(de.getString(k));
        }
        for (String os : new String[] {"Linux", "Mac OS X", "Windows 10"}) {
            assertThat(de.getString(CloudflaredLocator.helpKey(os)).split("\n")).hasSize(2);
            assertThat(en.getString(CloudflaredLocator.helpKey(os)).split("\n")).hasSize(2);
        }
    }
}
