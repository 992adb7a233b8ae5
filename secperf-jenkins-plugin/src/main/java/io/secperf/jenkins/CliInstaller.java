package io.secperf.jenkins;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Node;
import hudson.model.TaskListener;
import io.secperf.ci.CliDistribution;

/**
 * Copies the runner distribution bundled in this plugin to an agent, once per plugin version and content: the target
 * directory is named by {@link CliDistribution#directoryName}, unpacked next to it under a temporary name, marked
 * complete, then renamed into place, so concurrent builds on one agent never see half a distribution.
 */
final class CliInstaller {

    private static volatile String sha256;

    private CliInstaller() {
    }

    /** The unpacked distribution directory on the node, installing it first when needed. */
    static FilePath install(Node node, TaskListener listener) throws IOException, InterruptedException {
        FilePath root = node.getRootPath();
        if (root == null) {
            throw new AbortException("secperf: the agent " + node.getDisplayName() + " is offline");
        }
        String digest = digest();
        String version = CliInstaller.class.getPackage().getImplementationVersion();
        FilePath base = root.child("secperf");
        FilePath target = base.child(CliDistribution.directoryName(version, digest));
        if (target.child(CliDistribution.COMPLETE_MARKER).exists()) {
            return target;
        }
        listener.getLogger().println("[secperf] installing the runner on " + node.getDisplayName() + " in "
                + target.getRemote());
        base.mkdirs();
        FilePath staging = base.child(target.getName() + ".tmp-" + UUID.randomUUID());
        try (InputStream zip = open()) {
            staging.unzipFrom(zip);
            staging.child(CliDistribution.COMPLETE_MARKER).write(digest, StandardCharsets.UTF_8.name());
            try {
                staging.renameTo(target);
            } catch (IOException e) {
                if (!target.child(CliDistribution.COMPLETE_MARKER).exists()) {
                    throw e;
                }
                // another build on this agent installed the same distribution first
            }
        } finally {
            if (staging.exists()) {
                staging.deleteRecursive();
            }
        }
        return target;
    }

    private static InputStream open() throws IOException {
        InputStream in = CliInstaller.class.getResourceAsStream(CliDistribution.RESOURCE);
        if (in == null) {
            throw new IOException("the runner distribution " + CliDistribution.RESOURCE
                    + " is missing from the secperf plugin (build it with mvn -Pjenkins package)");
        }
        return in;
    }

    private static String digest() throws IOException {
        String cached = sha256;
        if (cached != null) {
            return cached;
        }
        try (InputStream in = open()) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                md.update(buffer, 0, n);
            }
            cached = HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
        sha256 = cached;
        return cached;
    }
}
