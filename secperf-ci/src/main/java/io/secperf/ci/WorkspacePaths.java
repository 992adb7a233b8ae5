package io.secperf.ci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Keeps every file a CI step reads or writes (plan, security config, gate file, output directory, result globs)
 * inside the workspace: a Jenkinsfile from a branch must not make the agent read {@code /etc/shadow} into a report or
 * write outside its workspace. Rejected: empty paths, any {@code ..} segment, absolute paths outside the workspace,
 * NUL characters, and paths that leave the workspace through a symbolic link. The syntax check needs no file system
 * (forms, examples); {@link #confine} runs where the workspace is (on the agent).
 */
public final class WorkspacePaths {

    private WorkspacePaths() {
    }

    /** Syntax only: what can be said without touching the file system. */
    public static Check checkSyntax(String path, String what) {
        if (path == null || path.isBlank()) {
            return Check.error(what + " is empty");
        }
        if (path.indexOf('\0') >= 0) {
            return Check.error(what + " contains a NUL character");
        }
        String unified = path.replace('\\', '/');
        for (String segment : unified.split("/")) {
            if (segment.equals("..")) {
                return Check.error(what + " must stay inside the workspace: '..' is not allowed (" + path + ")");
            }
        }
        if (unified.startsWith("/") || unified.startsWith("~") || unified.matches("^[A-Za-z]:.*")) {
            return Check.warning(what + " is absolute: it must point into the workspace (" + path + ")");
        }
        return Check.ok();
    }

    /** An Ant-style glob such as {@code shards/&#42;&#42;/secperf-result.json}: relative, no {@code ..}. */
    public static Check checkPattern(String pattern, String what) {
        if (pattern == null || pattern.isBlank()) {
            return Check.error(what + " is empty");
        }
        for (String part : pattern.split(",")) {
            Check check = checkSyntax(part.strip(), what);
            if (check.level() != Check.Level.OK) {
                return check.level() == Check.Level.WARNING
                        ? Check.error(what + " must be relative to the workspace (" + part.strip() + ")") : check;
            }
        }
        return Check.ok();
    }

    /**
     * The path inside the workspace, normalised and absolute. The path need not exist (outputs); its deepest existing
     * ancestor is resolved through symbolic links and must lie inside the real workspace.
     *
     * @throws IllegalArgumentException with one line naming {@code what} when the path would leave the workspace
     * @throws IOException              when the workspace itself cannot be resolved
     */
    public static Path confine(Path workspace, String path, String what) throws IOException {
        Check syntax = checkSyntax(path, what);
        if (syntax.isError()) {
            throw new IllegalArgumentException(syntax.message());
        }
        Path root = workspace.toAbsolutePath().normalize();
        Path realRoot = root.toRealPath();
        Path candidate;
        try {
            Path given = Paths.get(path);
            candidate = (given.isAbsolute() ? given : root.resolve(given)).normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(what + " is not a valid path: " + e.getReason());
        }
        if (!candidate.startsWith(root)) {
            throw new IllegalArgumentException(what + " must be inside the workspace " + root + ", was " + path);
        }
        Path existing = candidate;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new IllegalArgumentException(what + " must be inside the workspace " + root + ", was " + path);
        }
        Path real;
        try {
            real = existing.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " leads through a broken or looping symbolic link: " + path);
        }
        if (!real.startsWith(realRoot)) {
            throw new IllegalArgumentException(what + " leaves the workspace through a symbolic link: " + path
                    + " -> " + real);
        }
        return real.resolve(existing.relativize(candidate)).normalize();
    }
}
