package io.secperf.result;

/** How bad a security finding is, ordered from least to most severe. */
public enum Severity {
    INFO, LOW, MEDIUM, HIGH, CRITICAL
}
