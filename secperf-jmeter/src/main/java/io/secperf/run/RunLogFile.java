package io.secperf.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.AbstractConfiguration;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.core.pattern.RegexReplacement;

import io.secperf.secret.KnownSecrets;

/**
 * JMeter's INFO log written to a file of the caller's choosing (normally the output directory) for one run, then
 * detached. Only acts when secperf's own log4j configuration is active: a user-supplied configuration is left alone.
 */
final class RunLogFile implements AutoCloseable {

    private static final String APPENDER = "secperf-run-file";

    private final LoggerContext context;
    private final FileAppender appender;
    private final Level previousLevel;

    private RunLogFile(LoggerContext context, FileAppender appender, Level previousLevel) {
        this.context = context;
        this.appender = appender;
        this.previousLevel = previousLevel;
    }

    /** @param secrets values replaced by {@code ****} in every line written (JMeter logs URLs and messages) */
    static RunLogFile attach(Path file, KnownSecrets secrets) {
        if (file == null || !(LogManager.getContext(false) instanceof LoggerContext context)
                || !"secperf".equals(context.getConfiguration().getName())) {
            return new RunLogFile(null, null, null);
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            return new RunLogFile(null, null, null);
        }
        Configuration config = context.getConfiguration();
        FileAppender appender = FileAppender.newBuilder()
                .setName(APPENDER)
                .withFileName(file.toAbsolutePath().toString())
                .withAppend(true)
                .setLayout(PatternLayout.newBuilder().withConfiguration(config)
                        .withPattern("%d{ISO8601} %-5level [%t] %c{1}: %msg%n")
                        .withRegexReplacement(secrets.pattern()
                                .map(p -> RegexReplacement.createRegexReplacement(p, "****")).orElse(null))
                        .build())
                .setConfiguration(config)
                .build();
        if (appender == null) {
            return new RunLogFile(null, null, null);
        }
        appender.start();
        config.addAppender(appender);
        LoggerConfig root = config.getRootLogger();
        Level previous = root.getLevel();
        root.addAppender(appender, Level.INFO, null);
        root.setLevel(Level.INFO);
        context.updateLoggers();
        return new RunLogFile(context, appender, previous);
    }

    @Override
    public void close() {
        if (context == null) {
            return;
        }
        Configuration config = context.getConfiguration();
        LoggerConfig root = config.getRootLogger();
        root.removeAppender(APPENDER);
        root.setLevel(previousLevel);
        if (config instanceof AbstractConfiguration abstractConfig) {
            abstractConfig.removeAppender(APPENDER);
        }
        context.updateLoggers();
        appender.stop();
    }
}
