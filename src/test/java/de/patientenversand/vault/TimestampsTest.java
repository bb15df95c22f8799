package de.patientenversand.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Parsing the vault's timestamps gives what Instant.parse gives")
class TimestampsTest {

    @Test
    @DisplayName("random instants in every precision Instant.toString writes")
    void randomInstants() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 250_000_000_000L),
                    random.nextInt(1_000_000_000));
            for (ChronoUnit unit : new ChronoUnit[] {ChronoUnit.SECONDS, ChronoUnit.MILLIS, ChronoUnit.MICROS,
                    ChronoUnit.NANOS}) {
                String s = t.truncatedTo(unit).toString();
                assertThat(Timestamps.parse(s)).as(s).isEqualTo(Instant.parse(s));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-04T09:50:19.1Z", "2026-12-04T09:50:19.12Z", "2026-12-04T09:50:19.1234Z",
        "2026-12-04T09:50:19.12345678Z", "2026-12-31T23:59:60Z", "+12026-12-04T09:50:19Z", "2026-12-04T09:50:19+01:00"})
    @DisplayName("unusual but valid forms")
    void unusual(String s) {
        assertThat(Timestamps.parse(s)).isEqualTo(Instant.parse(s));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2026-13-04T09:50:19Z", "2026-02-30T09:50:19Z", "2026-12-04T24:00:00Z",
        "2026-12-04T09:50:1xZ", "2026-12-04T09:50:19.Z", "2026-12-04T09:50:19.1234567890Z", "2026-12-04 09:50:19Z",
        "-026-12-04T09:50:19Z", "2026-12-04T09:50:19"})
    @DisplayName("odd and invalid forms: the same result or the same refusal as Instant.parse")
    void sameOutcome(String s) {
        Instant expected;
        try {
            expected = Instant.parse(s);
        } catch (DateTimeParseException e) {
            assertThatThrownBy(() -> Timestamps.parse(s)).isInstanceOf(DateTimeParseException.class);
            return;
        }
        assertThat(Timestamps.parse(s)).isEqualTo(expected);
    }
}
