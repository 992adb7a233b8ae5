package io.secperf.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The run-wide fuzz sequences: shared per key, forgotten on reset, bounded in number. */
class FuzzSequenceTest {

    private final AtomicInteger created = new AtomicInteger();

    @BeforeEach
    @AfterEach
    void reset() {
        FuzzSequence.reset();
    }

    private FuzzSequence obtain(String targetUrl) throws Exception {
        return FuzzSequence.obtain(new FuzzSequence.Key(Path.of("/plans/security.yaml"), targetUrl, ""), () -> {
            created.incrementAndGet();
            return new FuzzSequence(null, null, null);
        });
    }

    @Test
    void oneKeyIsOneSequenceUntilReset() throws Exception {
        FuzzSequence first = obtain("http://a");
        assertThat(obtain("http://a")).isSameAs(first);
        assertThat(first.claim(20)).isZero();
        assertThat(obtain("http://a").claim(20)).isEqualTo(20);

        FuzzSequence.reset();
        assertThat(obtain("http://a")).isNotSameAs(first);
        assertThat(created).hasValue(2);
    }

    @Test
    void aKeyThatChangesPerSampleIsRefusedBeyondTheBoundInsteadOfGrowingForTheWholeRun() throws Exception {
        for (int i = 0; i < FuzzSequence.MAX_SEQUENCES; i++) {
            obtain("http://host-" + i);
        }
        SecurityCheckSampler.BadSetting e = catchThrowableOfType(SecurityCheckSampler.BadSetting.class,
                () -> obtain("http://host-" + FuzzSequence.MAX_SEQUENCES));

        assertThat(e).hasMessageContaining("more than " + FuzzSequence.MAX_SEQUENCES + " different fuzz sequences")
                .hasMessageContaining("targetUrl");
        assertThat(created).hasValue(FuzzSequence.MAX_SEQUENCES);
        assertThat(obtain("http://host-0")).as("known keys still work").isNotNull();
    }
}
