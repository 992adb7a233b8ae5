package io.secperf.result;

/** Whether a gate judges performance (load results) or security (findings and security measurements). */
public enum GateCategory {
    PERFORMANCE, SECURITY
}
