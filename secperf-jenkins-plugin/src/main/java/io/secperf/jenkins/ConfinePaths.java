package io.secperf.jenkins;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import hudson.remoting.VirtualChannel;
import io.secperf.ci.WorkspacePaths;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs {@link WorkspacePaths#confine} where the workspace is (on the agent), because symbolic links can only be
 * resolved there. Returns the confined absolute paths in the order given (null stays null); the last one, when
 * {@code createLastAsDirectory}, is created as the output directory.
 */
final class ConfinePaths extends MasterToSlaveFileCallable<String[]> {

    private static final long serialVersionUID = 1L;

    private final String[] paths;
    private final String[] names;
    private final boolean createLastAsDirectory;

    ConfinePaths(String[] paths, String[] names, boolean createLastAsDirectory) {
        this.paths = paths.clone();
        this.names = names.clone();
        this.createLastAsDirectory = createLastAsDirectory;
    }

    @Override
    public String[] invoke(File workspace, VirtualChannel channel) throws IOException {
        String[] result = new String[paths.length];
        for (int i = 0; i < paths.length; i++) {
            if (paths[i] == null) {
                continue;
            }
            try {
                Path confined = WorkspacePaths.confine(workspace.toPath(), paths[i], names[i]);
                if (createLastAsDirectory && i == paths.length - 1) {
                    Files.createDirectories(confined);
                    confined = WorkspacePaths.confine(workspace.toPath(), paths[i], names[i]);
                }
                result[i] = confined.toString();
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage());
            }
        }
        return result;
    }
}
