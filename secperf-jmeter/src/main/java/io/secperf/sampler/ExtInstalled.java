package io.secperf.sampler;

import java.io.Serializable;

/**
 * A token a distributed run sends to each JMeter remote engine before the start: it deserializes only where
 * secperf-jmeter-ext is in {@code lib/ext}, so a server without the samplers is named before any engine starts
 * instead of failing the run halfway (docs/distributed.md).
 *
 * @param version the secperf version of the controller, for the record in the server's properties
 */
public record ExtInstalled(String version) implements Serializable {

    /** The JMeter property name the token travels under. */
    public static final String PROPERTY = "secperf.ext.installed";
}
