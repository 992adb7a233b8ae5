package io.secperf.gate;

import io.secperf.result.ResultDocument;

/** What one metric is read from: a result document, its security measurements, and the metric being read. */
record Subject(ResultDocument document, SecurityMeasurements security, Metric metric) {

    Subject forMetric(Metric other) {
        return new Subject(document, security, other);
    }
}
