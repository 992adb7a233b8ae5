package io.secperf.augment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.apache.jmeter.save.SaveService;
import org.apache.jorphan.collections.HashTree;

import io.secperf.result.AtomicFiles;
import io.secperf.security.SecurityConfig;

/**
 * The result of {@link PlanAugmenter#augment}: the augmented tree and what was (and was not) injected, so the command
 * line can say it in one place.
 *
 * @param tree            the user's elements (the same objects, unchanged) plus secperf's thread groups
 * @param config          the security configuration that was injected
 * @param preflightChecks labels of the preflight samplers, in the order they run ("secperf preflight: TLS", ...)
 * @param hostile         the hostile traffic injected after the warm-up, in thread-group order
 * @param planEndpoints   how many of the plan's own requests the fuzzer mutates (0: it uses fuzz.endpoints)
 * @param notes           things the user should know, one line each (e.g. "TLS probe skipped: ...")
 * @param missingClasses  sampler classes not in this build; non-empty means the tree can be inspected but neither
 *                        saved nor run
 */
public record Augmentation(HashTree tree, SecurityConfig config, List<String> preflightChecks,
                           List<HostileTraffic> hostile, int planEndpoints, List<String> notes,
                           List<String> missingClasses) {

    public Augmentation {
        preflightChecks = List.copyOf(preflightChecks);
        hostile = List.copyOf(hostile);
        notes = List.copyOf(notes);
        missingClasses = List.copyOf(missingClasses);
    }

    /** Whether every injected element is a real sampler (see {@link #missingClasses()}). */
    public boolean complete() {
        return missingClasses.isEmpty();
    }

    /**
     * @throws AugmentException naming the missing sampler classes, when the tree is not {@link #complete()}
     */
    public void requireComplete() throws AugmentException {
        if (!complete()) {
            throw new AugmentException("this secperf build has no " + String.join(", ", missingClasses)
                    + ", which the configured checks need; remove those sections from the security file or use a"
                    + " build that has them");
        }
    }

    /**
     * Writes the tree as a {@code .jmx} with JMeter's own {@link SaveService} (so stock JMeter's GUI opens it),
     * atomically: a reader sees the old file or the complete new one.
     *
     * @throws AugmentException when the tree is not {@link #complete()}
     * @throws IOException      when the file cannot be written
     */
    public void save(Path file) throws AugmentException, IOException {
        requireComplete();
        // SaveService closes the stream it writes to; AtomicFiles must still force and rename, so buffer first
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        SaveService.saveTree(tree, buffer);
        byte[] bytes = buffer.toByteArray();
        AtomicFiles.write(file, out -> out.write(bytes));
    }
}
