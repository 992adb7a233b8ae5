package io.secperf.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The order in which a step ends: on stop, the runner exits, the partial result is recorded, and only then is the
 * step completed; exactly once, and never a recording after completion. Real threads, latches instead of sleeps.
 */
class StepCompletionTest {

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final StepCompletion<String> completion = new StepCompletion<>(v -> events.add("success " + v),
            t -> events.add("failure " + t.getMessage()));

    @Test
    void aNormalEndCompletesOnceWithTheValue() {
        assertThat(completion.succeed("ok")).isTrue();
        assertThat(completion.succeed("again")).isFalse();
        assertThat(completion.fail(new RuntimeException("late"))).isFalse();
        assertThat(events).containsExactly("success ok");
    }

    @Test
    void stopDoesNotCompleteTheStepItself() {
        assertThat(completion.stop(new InterruptedException("aborted"))).isTrue();
        assertThat(completion.isCompleted()).isFalse();
        assertThat(events).isEmpty();
    }

    @Test
    void onStopTheRunnerExitsThenThePartialResultIsRecordedThenTheStepCompletes() throws Exception {
        CountDownLatch runnerRunning = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            try {
                try {
                    runnerRunning.countDown();
                    new CountDownLatch(1).await(); // the forked runner; only an interrupt ends it here
                    completion.succeed("full result");
                } catch (InterruptedException stopped) {
                    events.add("runner exited");
                    completion.recordIfOpen(() -> events.add("partial result recorded"));
                    throw stopped;
                }
            } catch (Exception e) {
                completion.fail(e);
            }
        });
        worker.start();
        assertThat(runnerRunning.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(completion.stop(new InterruptedException("aborted by user"))).isTrue();
        assertThat(events).isEmpty();
        worker.interrupt();
        worker.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(events).containsExactly("runner exited", "partial result recorded", "failure aborted by user");
        assertThat(completion.stopDeadline()).isFalse();
        assertThat(events).hasSize(3);
    }

    @Test
    void aWorkerThatDoesNotEndInTimeIsOvertakenByTheDeadlineAndRecordsNothingAfterwards() throws Exception {
        completion.stop(new InterruptedException("aborted"));
        assertThat(completion.stopDeadline()).isTrue();
        assertThat(events).containsExactly("failure aborted");
        assertThat(completion.recordIfOpen(() -> events.add("late recording"))).isFalse();
        assertThat(completion.fail(new RuntimeException("worker ended late"))).isFalse();
        assertThat(events).containsExactly("failure aborted");
    }

    @Test
    void theDeadlineWaitsForARecordingUnderWay() throws Exception {
        completion.stop(new InterruptedException("aborted"));
        CountDownLatch recording = new CountDownLatch(1);
        CountDownLatch mayFinish = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            try {
                completion.recordIfOpen(() -> {
                    recording.countDown();
                    mayFinish.await();
                    events.add("partial result recorded");
                });
            } catch (Exception e) {
                events.add("unexpected " + e);
            }
        });
        worker.start();
        assertThat(recording.await(30, TimeUnit.SECONDS)).isTrue();
        Thread deadline = new Thread(completion::stopDeadline);
        deadline.start();
        mayFinish.countDown();
        deadline.join(TimeUnit.SECONDS.toMillis(30));
        worker.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(events).containsExactly("partial result recorded", "failure aborted");
    }

    @Test
    void onlyTheFirstStopAsksForAnInterruptAndAStopAfterTheEndDoesNothing() {
        assertThat(completion.stop(new InterruptedException("first"))).isTrue();
        assertThat(completion.stop(new InterruptedException("second"))).isFalse();
        completion.fail(new RuntimeException("runner killed"));
        assertThat(events).containsExactly("failure first");

        StepCompletion<String> done = new StepCompletion<>(v -> events.add("done " + v), t -> events.add("x"));
        done.succeed("v");
        assertThat(done.stop(new InterruptedException("too late"))).isFalse();
        assertThat(done.stopDeadline()).isFalse();
    }

    @Test
    void theWorkersErrorAfterAStopIsKeptAsSuppressed() {
        InterruptedException cause = new InterruptedException("aborted");
        completion.stop(cause);
        completion.fail(new IllegalStateException("runner exit 143"));
        assertThat(cause.getSuppressed()).extracting(Throwable::getMessage).containsExactly("runner exit 143");
    }

    @Test
    void aStopDuringARecordingReturnsAtOnceAndTheStepStillCompletesAfterTheRecording() throws Exception {
        // stop() is called by Jenkins on the pipeline's thread: it must not wait for a recording (copying a report)
        CountDownLatch recording = new CountDownLatch(1);
        CountDownLatch mayFinish = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            try {
                completion.recordIfOpen(() -> {
                    recording.countDown();
                    mayFinish.await();
                    events.add("result recorded");
                });
                completion.succeed("full result");
            } catch (Exception e) {
                events.add("unexpected " + e);
            }
        });
        worker.start();
        try {
            assertThat(recording.await(30, TimeUnit.SECONDS)).isTrue();
            Thread stopper = new Thread(() -> events.add("stop asked: " + completion.stop(
                    new InterruptedException("aborted"))));
            stopper.start();
            stopper.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(stopper.isAlive()).as("stop() blocked behind the recording").isFalse();
            assertThat(events).containsExactly("stop asked: true");
        } finally {
            mayFinish.countDown();
            worker.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertThat(events).containsExactly("stop asked: true", "result recorded", "failure aborted");
    }
}
