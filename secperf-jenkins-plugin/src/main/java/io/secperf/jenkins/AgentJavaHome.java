package io.secperf.jenkins;

import jenkins.security.MasterToSlaveCallable;

/**
 * The Java home of the agent JVM. Jenkins 2.479 agents run on Java 17+, which is what the runner needs, so the runner
 * can always be started with the same Java that runs the agent when no JDK tool is configured.
 */
final class AgentJavaHome extends MasterToSlaveCallable<String, RuntimeException> {

    private static final long serialVersionUID = 1L;

    @Override
    public String call() {
        return System.getProperty("java.home");
    }
}
