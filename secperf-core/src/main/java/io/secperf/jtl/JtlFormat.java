package io.secperf.jtl;

/**
 * The two result-file formats stock JMeter writes ({@code jmeter.save.saveservice.output_format}). Detection looks
 * at content, not at the file name, because JMeter uses {@code .jtl} for both.
 */
public enum JtlFormat {
    /** Delimited text with a header line (JMeter's default). */
    CSV,
    /** {@code <testResults>} document written by XStream. */
    XML
}
