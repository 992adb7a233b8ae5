package io.secperf.result;

/**
 * One finished request as JMeter reports it, whether it comes live from the engine or from a JTL row.
 * It carries exactly what aggregation needs, so live runs and ingested files produce the same result document.
 *
 * @param timeStamp      start of the sample, epoch milliseconds (JMeter's default {@code sampleresult.timestamp.start})
 * @param elapsed        total time in milliseconds
 * @param label          sampler label
 * @param responseCode   HTTP status or JMeter's "Non HTTP response code: ..." text; may be empty
 * @param responseMessage response message, used to classify non-HTTP errors; may be empty
 * @param success        JMeter's verdict (assertions included)
 * @param failureMessage first assertion failure message; may be empty
 * @param bytes          received bytes
 * @param sentBytes      sent bytes
 * @param latency        time to first byte in milliseconds
 * @param connect        connect time in milliseconds (TCP + TLS handshake)
 * @param allThreads     active threads in all thread groups when the sample ended
 */
public record Sample(long timeStamp, long elapsed, String label, String responseCode, String responseMessage,
                     boolean success, String failureMessage, long bytes, long sentBytes, long latency, long connect,
                     int allThreads) {

    public Sample {
        label = label == null ? "" : label;
        responseCode = responseCode == null ? "" : responseCode;
        responseMessage = responseMessage == null ? "" : responseMessage;
        failureMessage = failureMessage == null ? "" : failureMessage;
    }
}
