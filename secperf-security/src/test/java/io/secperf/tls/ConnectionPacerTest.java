package io.secperf.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/** The pacer's rules, without a network: halving, sequential at one, the quiet period, the cap and the budget. */
class ConnectionPacerTest {

    private static long in(long seconds) {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    }

    @Test
    void eachUnansweredConnectionHalvesTheParallelConnectionsDownToOne() {
        ConnectionPacer pacer = new ConnectionPacer(8, in(60), 100, 0);
        for (int i = 0; i < 8; i++) {
            assertThat(pacer.acquire()).isTrue();
        }
        pacer.unanswered(false);
        assertThat(pacer.parallel()).isEqualTo(4);
        pacer.unanswered(false);
        pacer.unanswered(false);
        pacer.unanswered(false);
        assertThat(pacer.parallel()).isEqualTo(1);
        for (int i = 0; i < 4; i++) {
            pacer.answered();
        }
        assertThat(pacer.parallel()).as("never raised again").isEqualTo(1);
        assertThat(pacer.unansweredCount()).isEqualTo(4);
        assertThat(pacer.backOffNote()).isEqualTo("the server left 4 connections unanswered; parallel connections "
                + "reduced from 8 to 1 and every unanswered hello retried");
    }

    @Test
    void atOneConnectionTheNextWaitsForThePreviousToEnd() throws Exception {
        ConnectionPacer pacer = new ConnectionPacer(1, in(60), 100, 0);
        assertThat(pacer.acquire()).isTrue();
        AtomicBoolean second = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            second.set(pacer.acquire());
            done.countDown();
        });
        t.start();
        assertThat(done.await(200, TimeUnit.MILLISECONDS)).as("still waiting while the first is open").isFalse();
        pacer.answered();
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(second.get()).isTrue();
        assertThat(pacer.used()).isEqualTo(2);
    }

    @Test
    void afterASilenceNoConnectionOpensDuringTheQuietPeriod() throws Exception {
        ConnectionPacer pacer = new ConnectionPacer(4, in(60), 100, TimeUnit.SECONDS.toNanos(30));
        assertThat(pacer.acquire()).isTrue();
        pacer.unanswered(true);
        CountDownLatch done = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            pacer.acquire();
            done.countDown();
        });
        t.setDaemon(true);
        t.start();
        assertThat(done.await(300, TimeUnit.MILLISECONDS)).as("held back by the quiet period").isFalse();
        t.interrupt();
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();

        ConnectionPacer closes = new ConnectionPacer(4, in(60), 100, TimeUnit.SECONDS.toNanos(30));
        assertThat(closes.acquire()).isTrue();
        closes.unanswered(false);
        assertThat(closes.acquire()).as("an immediate close halves but imposes no quiet period").isTrue();
    }

    @Test
    void capAndBudgetRefuseAndSayWhy() {
        ConnectionPacer capped = new ConnectionPacer(8, in(60), 2, 0);
        assertThat(capped.acquire()).isTrue();
        assertThat(capped.acquire()).isTrue();
        assertThat(capped.acquire()).isFalse();
        assertThat(capped.exhausted()).isTrue();
        assertThat(capped.reason()).isEqualTo("handshake cap of 2 reached");

        ConnectionPacer late = new ConnectionPacer(8, System.nanoTime() - 1, 100, 0);
        assertThat(late.acquire()).isFalse();
        assertThat(late.reason()).isEqualTo("time budget exhausted");
        assertThat(late.backOffNote()).isNull();
    }
}
