package de.patientenversand.upload.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("receipt PDFs written after the delivery was answered")
class PendingReceiptsTest {

    @Test
    @DisplayName("a download waits for its delivery's PDF, and gives up after its time while the PDF is still being written")
    void downloadWaitsForItsPdf() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> written = new CopyOnWriteArrayList<>();
        try (PendingReceipts pending = new PendingReceipts()) {
            pending.submit("s1", () -> {
                await(release);
                written.add("s1");
            });
            assertThat(pending.await("s1", Duration.ofMillis(200))).as("still being written").isFalse();
            assertThat(pending.await("other", Duration.ofMillis(1))).as("nothing pending for another delivery").isTrue();
            release.countDown();
            assertThat(pending.await("s1", Duration.ofSeconds(10))).isTrue();
            assertThat(written).containsExactly("s1");
        }
    }

    @Test
    @DisplayName("closing the same delivery twice writes its PDF twice in order, and a download waits for the last")
    void sameDeliveryInOrder() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> written = new CopyOnWriteArrayList<>();
        try (PendingReceipts pending = new PendingReceipts()) {
            pending.submit("s1", () -> {
                await(release);
                written.add("first");
            });
            pending.submit("s1", () -> written.add("second"));
            release.countDown();
            assertThat(pending.await("s1", Duration.ofSeconds(10))).isTrue();
            assertThat(written).containsExactly("first", "second");
        }
    }

    @Test
    @DisplayName("at shutdown the PDFs still queued are written before serve ends")
    void closeFinishesQueuedWork() {
        List<String> written = new CopyOnWriteArrayList<>();
        PendingReceipts pending = new PendingReceipts();
        for (int i = 0; i < 6; i++) {
            String id = "s" + i;
            pending.submit(id, () -> {
                sleep(50);
                written.add(id);
            });
        }
        pending.close();
        assertThat(written).hasSize(6);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
