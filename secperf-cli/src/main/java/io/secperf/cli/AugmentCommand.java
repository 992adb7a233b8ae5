package io.secperf.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.apache.jmeter.save.SaveService;
import org.apache.jorphan.collections.HashTree;

import io.secperf.augment.AugmentException;
import io.secperf.augment.Augmentation;
import io.secperf.augment.PlanAugmenter;
import io.secperf.run.PlanException;
import io.secperf.run.PlanLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code secperf augment}: writes the plan {@code secperf run --security} would run, so it can be reviewed, opened in
 * the JMeter GUI, committed, or run in stock JMeter with secperf's samplers in {@code lib/ext}. The user's file is
 * never changed; the new one is written atomically.
 */
@Command(name = "augment", mixinStandardHelpOptions = true,
        description = "Write a copy of a JMeter plan with secperf's security checks injected: a setUp preflight (TLS"
                + " probe, auth check) and, after a warm-up, attack and fuzz thread groups.",
        footer = {"", "Examples:",
            "  secperf augment --plan perf/checkout.jmx --security security.yaml \\",
            "      -o perf/checkout-secure.jmx",
            "  secperf augment --plan perf/checkout.jmx --security security.yaml -o out.jmx \\",
            "      --preflight warn --warmup 1m",
            "", "The checks that run follow the sections of security.yaml (auth, fuzz, attack.*); docs/cli.md."})
final class AugmentCommand implements Callable<Integer> {

    @Option(names = "--plan", required = true, paramLabel = "FILE.jmx", description = "the plan to augment (not changed)")
    Path plan;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE.jmx",
            description = "where to write the augmented plan (replaced atomically)")
    Path output;

    @Mixin
    SecurityOptions security;

    @Override
    public Integer call() {
        if (security.security == null) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "--security FILE is required: the security.yaml whose"
                    + " checks go into the plan");
        }
        Path absoluteOutput = output.toAbsolutePath().normalize();
        if (absoluteOutput.equals(plan.toAbsolutePath().normalize())) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "-o " + output + " is the input plan; secperf never"
                    + " changes the user's plan, write the augmented one to another file");
        }
        if (Files.isDirectory(absoluteOutput)) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "-o " + output + " is a directory; give a file name");
        }
        PlanAugmenter augmenter = security.augmenter(null, absoluteOutput.getParent());
        HashTree asSaved;
        try {
            PlanLoader.load(plan); // the same checks and messages as secperf run
            asSaved = SaveService.loadTree(plan.toFile()); // disabled elements and includes kept as the user wrote them
        } catch (PlanException e) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT, e.getMessage(), e);
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT, "cannot read plan " + plan + ": " + e.getMessage(), e);
        }
        Augmentation augmentation;
        try {
            augmentation = augmenter.augment(asSaved);
        } catch (AugmentException e) {
            throw new CommandFailure(ExitCode.USAGE_OR_INPUT, e.getMessage(), e);
        }
        try {
            augmentation.save(absoluteOutput);
        } catch (AugmentException e) {
            throw new CommandFailure(ExitCode.INFRASTRUCTURE, e.getMessage(), e);
        } catch (IOException e) {
            throw new CommandFailure(ExitCode.INFRASTRUCTURE, e.getMessage(), e);
        }
        System.out.println("secperf: wrote " + output + ": " + LoadRun.describe(augmentation, augmenter.options()));
        augmentation.notes().forEach(note -> System.out.println("secperf: note: " + note));
        System.out.println("secperf: run it with: secperf run --plan " + output
                + " (or in JMeter with secperf's samplers in lib/ext); do not pass --security again");
        return ExitCode.OK.code();
    }
}
